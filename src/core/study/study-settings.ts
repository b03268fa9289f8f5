/** A user's study settings: the defaults, the rules for changing them, and reading them with defaults filled in. */
import { z } from 'zod';
import type { Ctx } from '../context.js';
import type { StudySettings } from '../ports/study.js';
import { isTimeZone } from './study-day.js';

export const DEFAULT_STUDY_SETTINGS: StudySettings = {
  request_retention: 0.9,
  maximum_interval: 36500,
  enable_fuzz: true,
  learning_steps: ['1m', '10m'],
  relearning_steps: ['10m'],
  new_cards_per_day: 20,
  day_starts_at_hour: 4,
  timezone: 'UTC',
};

/** ts-fsrs step syntax: a positive number of minutes, hours or days ("1m", "10m", "1h", "2d"). */
const STEP = /^(?:\d{1,5}(?:\.\d{1,3})?)[mhd]$/;
const steps = z
  .array(
    z
      .string()
      .regex(STEP, 'must be a duration such as "1m", "10m", "1h" or "1d"')
      .refine((s) => Number.parseFloat(s) > 0, 'must be longer than 0'),
  )
  .max(10, 'must have at most 10 steps');

export const studySettingsInput = z
  .object({
    request_retention: z.number().min(0.7, 'must be at least 0.7').max(0.99, 'must be at most 0.99'),
    maximum_interval: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(36500, 'must be at most 36500'),
    enable_fuzz: z.boolean(),
    learning_steps: steps,
    relearning_steps: steps,
    new_cards_per_day: z.number().int('must be a whole number').min(0, 'must not be negative').max(9999, 'must be at most 9999'),
    day_starts_at_hour: z.number().int('must be a whole hour').min(0, 'must be 0 to 23').max(23, 'must be 0 to 23'),
    timezone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone name such as "Europe/Madrid" or "UTC"'),
  })
  .partial()
  .strict();

export type StudySettingsChanges = z.infer<typeof studySettingsInput>;

export async function loadStudySettings(ctx: Ctx, userId: string): Promise<StudySettings> {
  const stored = await ctx.ports.study!.getSettings(userId);
  return { ...DEFAULT_STUDY_SETTINGS, ...stored };
}
