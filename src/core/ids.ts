const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs; anything else can name no resource, so callers answer "not found" without asking storage. */
export const isUuid = (id: string): boolean => UUID.test(id);
