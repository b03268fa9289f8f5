import type { UseCaseArgs } from '../context.js';
import type { StudySettings } from '../ports/study.js';
import { parseInput } from '../validate.js';
import { loadStudySettings, studySettingsInput } from './study-settings.js';
import { studyAccess } from './study-access.js';

export async function getStudySettings({ ctx }: UseCaseArgs<Record<string, never>>): Promise<StudySettings> {
  const { userId } = studyAccess(ctx);
  return loadStudySettings(ctx, userId);
}

/** Changes only the settings given; the others keep their values (or defaults). */
export async function updateStudySettings({ ctx, input }: UseCaseArgs<unknown>): Promise<StudySettings> {
  const { userId, study, now } = studyAccess(ctx);
  const changes = parseInput(studySettingsInput, input);
  const settings = { ...(await loadStudySettings(ctx, userId)), ...changes };
  await study.saveSettings(userId, settings, now);
  return settings;
}
