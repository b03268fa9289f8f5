import { OpenAPIHono } from '@hono/zod-openapi';
import { confirmUpload, createUploadUrl } from '../../core/index.js';
import { renderUploadResult } from './documents.render.js';
import { useCaseCtx, type AppEnv } from './env.js';
import { confirmUploadRoute, uploadUrlRoute } from './presigned-upload.routes.js';
import { validationHook } from './problem.js';

export function presignedUploadRoutes(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(uploadUrlRoute, async (c) => {
      const upload = await createUploadUrl({ ctx: useCaseCtx(c), input: c.req.valid('json') });
      return c.json({ ...upload, expires_at: upload.expires_at.toISOString() }, 201);
    })
    .openapi(confirmUploadRoute, async (c) => {
      const body = c.req.valid('json');
      const input = { uploadId: c.req.valid('param').upload_id, ...body };
      return c.json(renderUploadResult(await confirmUpload({ ctx: useCaseCtx(c), input })), 201);
    });
}
