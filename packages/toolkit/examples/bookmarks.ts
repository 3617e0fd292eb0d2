import { createApp, defineResource } from '@core/toolkit';
import { serve } from '@hono/node-server';
import * as v from 'valibot';

// Bookmarks per user-chosen folder, with Kinto's whole protocol: filters, sorting, pagination,
// sync with ?_since=, preconditions, PATCH flavours, permissions, hello and heartbeats.
const bookmarks = defineResource({
  name: 'bookmark',
  pluralPath: '/folders/:folder_id/bookmarks',
  objectPath: '/folders/:folder_id/bookmarks/:id',
  schema: {
    fields: v.object({ url: v.pipe(v.string(), v.url()), title: v.optional(v.string(), '') }),
    strict: true,
  },
});

const { app } = await createApp({
  resources: [bookmarks],
  settings: { project_name: 'bookmarks', paginate_by: '50', cors_origins: 'https://app.example' },
});

serve({ fetch: app.fetch, port: 8888 }); // or `export default app` on Workers, Deno, Bun
// curl -X POST localhost:8888/v1/folders/work/bookmarks -H 'Content-Type: application/json' \
//      -d '{"data": {"url": "https://kinto.readthedocs.io"}}'
