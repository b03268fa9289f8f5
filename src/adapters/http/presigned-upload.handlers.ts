import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { confirmUpload, createUploadUrl, hasPresignedFiles, type PresignedCtx } from '../../core/index.js';
import { renderUploadResult } from './documents.render.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { confirmUploadRoute, uploadUrlRoute } from './presigned-upload.routes.js';
import { validationHook } from './problem.js';

/** The use-case context with presigning storage, which the app guarantees on these routes. */
export function presignedCtx(c: Context<AppEnv>): PresignedCtx {
  const ctx = useCaseCtx(c);
  if (!hasPresignedFiles(ctx.ports)) throw new Error('presigned routes mounted without presigning storage');
  return { ...ctx, ports: ctx.ports };
}

export function presignedUploadRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(uploadUrlRoute, async (c) => {
      const upload = await createUploadUrl({ ctx: presignedCtx(c), input: c.req.valid('json') });
      return c.json({ ...upload, expires_at: upload.expires_at.toISOString() }, 201);
    })
    .openapi(confirmUploadRoute, async (c) => {
      const body = c.req.valid('json');
      const input = { uploadId: c.req.valid('param').upload_id, ...body };
      return c.json(renderUploadResult(await confirmUpload({ ctx: presignedCtx(c), input })), 201);
    });
}
