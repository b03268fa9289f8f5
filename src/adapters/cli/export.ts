/**
 * `opendeck export <deck-id> | --all --user EMAIL [--format apkg|csv|json] [--out FILE]`: the same export as
 * GET /decks/{id}/export, straight from the database (the embedded one, DATABASE_URL or DynamoDB), for backups
 * and for moving decks without a running server. The file is written as it is produced.
 */
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CoreError, EXPORT_FORMATS, emailSchema, exportAllDecks, exportDeck, type ExportFormat, type Ports } from '../../core/index.js';
import { CliError, EX_NOINPUT } from './exit-codes.js';

export interface ExportOptions {
  all?: boolean;
  user?: string;
  format?: string;
  out?: string;
}

/** --format, else the extension of --out, else apkg. */
function formatOf(options: ExportOptions): ExportFormat {
  const chosen = options.format ?? (options.out ? path.extname(options.out).slice(1).toLowerCase() : 'apkg');
  if (!(EXPORT_FORMATS as readonly string[]).includes(chosen)) {
    throw new CliError(`--format must be one of ${EXPORT_FORMATS.join(', ')} (got "${chosen}"${options.format ? '' : ' from --out'}).`);
  }
  return chosen as ExportFormat;
}

function checkArguments(deckId: string | undefined, options: ExportOptions): string {
  if (deckId && options.all) throw new CliError('Give a deck id or --all, not both.');
  if (!deckId && !options.all) throw new CliError('Give the id of the deck to export, or --all for every deck of the user.');
  const email = emailSchema.safeParse(options.user ?? '');
  if (!email.success) throw new CliError('--user must be the email address of the account whose decks to export.');
  return email.data;
}

/** Arguments are checked first (`checkExportArguments`), before the composition root opens the database for `ports`. */
export function checkExportArguments(deckId: string | undefined, options: ExportOptions): void {
  checkArguments(deckId, options);
  formatOf(options);
}

export async function runExport(deckId: string | undefined, options: ExportOptions, ports: Ports): Promise<void> {
  const email = checkArguments(deckId, options);
  const format = formatOf(options);
  try {
    const user = await ports.users.findByEmail(email);
    if (!user) throw new CliError(`No account has the email ${email}.`, EX_NOINPUT);
    const ctx = { userId: user.id, requestId: 'cli-export', ports };
    const file = deckId ? await exportDeck({ ctx, input: { deckId, format } }) : await exportAllDecks({ ctx, input: { format } });
    const out = options.out ?? file.filename;
    let bytes = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const chunk of file.body) {
          bytes += chunk.byteLength;
          yield chunk;
        }
      })(),
    );
    await pipeline(counted, createWriteStream(out));
    process.stderr.write(`Wrote ${out} (${format}, ${(bytes / 1024).toFixed(1)} KB).\n`);
  } catch (error) {
    if (error instanceof CoreError && error.code === 'not_found') throw new CliError(`${email} has no deck ${deckId}.`, EX_NOINPUT);
    throw error;
  }
}
