import { OpenAPIHono } from '@hono/zod-openapi';
import { login, logout, me, refresh, register, signInMethods } from '../../core/index.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { validationHook } from './problem.js';
import { renderTokens, renderUser } from './render.js';
import { authConfigRoute, loginRoute, logoutRoute, meRoute, refreshRoute, registerRoute } from './auth.routes.js';

export function authRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(registerRoute, async (c) => {
      const tokens = await register({ ctx: useCaseCtx(c), input: c.req.valid('json') });
      return c.json(renderTokens(tokens), 201);
    })
    .openapi(loginRoute, async (c) => {
      const tokens = await login({ ctx: useCaseCtx(c), input: c.req.valid('json') });
      return c.json(renderTokens(tokens), 200);
    })
    .openapi(refreshRoute, async (c) => {
      const tokens = await refresh({ ctx: useCaseCtx(c), input: c.req.valid('json') });
      return c.json(renderTokens(tokens), 200);
    })
    .openapi(logoutRoute, async (c) => {
      await logout({ ctx: useCaseCtx(c), input: undefined });
      return c.body(null, 204);
    })
    .openapi(meRoute, async (c) => c.json(renderUser(await me({ ctx: useCaseCtx(c), input: undefined })), 200))
    .openapi(authConfigRoute, async (c) => c.json(await signInMethods({ ctx: useCaseCtx(c), input: undefined }), 200));
}
