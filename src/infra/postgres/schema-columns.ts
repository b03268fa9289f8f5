import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is stored with its time zone and read back as a Date, so nothing depends on the server's zone. */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
