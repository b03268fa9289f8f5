/** Study days in the user's time zone: UTC+13, UTC-11 and DST changes, in the core and through the API. */
import { describe, expect, it } from 'vitest';
import { studyDay } from '../../../src/core/index.js';
import { call } from '../../http/support.js';
import { answer, buildStudyApp, manualClock, studentWithDeck } from '../../http/study-support.js';

const at = (iso: string) => new Date(iso);
const bounds = (now: string, tz: string, hour = 4, offset = 0) => {
  const d = studyDay(at(now), tz, hour, offset);
  return { date: d.date, start: d.start.toISOString(), end: d.end.toISOString() };
};

describe('studyDay', () => {
  it('UTC: before the rollover hour it is still yesterday', () => {
    expect(bounds('2030-03-10T03:59:00Z', 'UTC')).toEqual({
      date: '2030-03-09',
      start: '2030-03-09T04:00:00.000Z',
      end: '2030-03-10T04:00:00.000Z',
    });
    expect(bounds('2030-03-10T04:00:00Z', 'UTC')).toEqual({
      date: '2030-03-10',
      start: '2030-03-10T04:00:00.000Z',
      end: '2030-03-11T04:00:00.000Z',
    });
  });

  it('UTC+13 (Tonga) across its day boundary', () => {
    // 14:59Z is 03:59 on the 11th in Tonga: still the 10th's study day, which ends at 15:00Z.
    expect(bounds('2030-03-10T14:59:00Z', 'Pacific/Tongatapu')).toEqual({
      date: '2030-03-10',
      start: '2030-03-09T15:00:00.000Z',
      end: '2030-03-10T15:00:00.000Z',
    });
    expect(bounds('2030-03-10T15:00:00Z', 'Pacific/Tongatapu').date).toBe('2030-03-11');
    expect(bounds('2030-03-10T10:00:00Z', 'Pacific/Tongatapu', 0)).toEqual({
      date: '2030-03-10',
      start: '2030-03-09T11:00:00.000Z',
      end: '2030-03-10T11:00:00.000Z',
    });
  });

  it('UTC-11 (American Samoa) across its day boundary', () => {
    expect(bounds('2030-03-10T14:59:00Z', 'Pacific/Pago_Pago')).toEqual({
      date: '2030-03-09',
      start: '2030-03-09T15:00:00.000Z',
      end: '2030-03-10T15:00:00.000Z',
    });
    expect(bounds('2030-03-10T15:00:00Z', 'Pacific/Pago_Pago').date).toBe('2030-03-10');
  });

  it('DST: the spring-forward day is 23 hours, the fall-back day 25, and both start at 4 am local', () => {
    // New York springs forward on 2030-03-10 at 02:00 and falls back on 2030-11-03 at 02:00.
    const spring = bounds('2030-03-10T12:00:00Z', 'America/New_York');
    expect(spring).toEqual({ date: '2030-03-10', start: '2030-03-10T08:00:00.000Z', end: '2030-03-11T08:00:00.000Z' });
    const before = bounds('2030-03-10T12:00:00Z', 'America/New_York', 4, -1);
    expect(before).toEqual({ date: '2030-03-09', start: '2030-03-09T09:00:00.000Z', end: '2030-03-10T08:00:00.000Z' });
    const fall = bounds('2030-11-03T12:00:00Z', 'America/New_York', 4, -1);
    expect(fall).toEqual({ date: '2030-11-02', start: '2030-11-02T08:00:00.000Z', end: '2030-11-03T09:00:00.000Z' });
    // A rollover hour inside the skipped hour still gives one boundary per day.
    const gap = studyDay(at('2030-03-10T12:00:00Z'), 'America/New_York', 2);
    expect(gap.date).toBe('2030-03-10');
    expect(gap.end.getTime() - gap.start.getTime()).toBeGreaterThan(22 * 3600_000);
  });
});

describe('time zones through the API', () => {
  it('a user in UTC+13 and one in UTC-11 see answers on their own study days and their own day ends', async () => {
    const clock = manualClock('2030-03-10T14:30:00.000Z');
    const { app } = buildStudyApp(clock);
    const tonga = await studentWithDeck(app, 2);
    const samoa = await studentWithDeck(app, 2);
    await call(app, 'PUT', '/api/v1/study/settings', { token: tonga.token, body: { timezone: 'Pacific/Tongatapu' } });
    await call(app, 'PUT', '/api/v1/study/settings', { token: samoa.token, body: { timezone: 'Pacific/Pago_Pago' } });

    await answer(app, tonga.token, tonga.cards[0]!.id, 'good'); // Tonga: 03:30 on the 11th -> study day of the 10th
    await answer(app, samoa.token, samoa.cards[0]!.id, 'good'); // Samoa: 03:30 on the 10th -> study day of the 9th
    clock.set('2030-03-10T15:30:00.000Z');
    await answer(app, tonga.token, tonga.cards[1]!.id, 'good'); // Tonga: 04:30 on the 11th -> the 11th
    await answer(app, samoa.token, samoa.cards[1]!.id, 'good'); // Samoa: 04:30 on the 10th -> the 10th

    const perDay = async (token: string, deckId: string) =>
      Object.fromEntries(
        (await call(app, 'GET', `/api/v1/study/decks/${deckId}/stats`, { token })).body.reviews_per_day
          .filter((d: { count: number }) => d.count > 0)
          .map((d: { date: string; count: number }) => [d.date, d.count]),
      );
    expect(await perDay(tonga.token, tonga.deck.id)).toEqual({ '2030-03-10': 1, '2030-03-11': 1 });
    expect(await perDay(samoa.token, samoa.deck.id)).toEqual({ '2030-03-09': 1, '2030-03-10': 1 });

    const tongaQueue = await call(app, 'GET', '/api/v1/study/queue', { token: tonga.token });
    const samoaQueue = await call(app, 'GET', '/api/v1/study/queue', { token: samoa.token });
    expect(tongaQueue.body.day_ends_at).toBe('2030-03-11T15:00:00.000Z');
    expect(samoaQueue.body.day_ends_at).toBe('2030-03-11T15:00:00.000Z');
    // Streaks count local days: Tonga answered on two days, Samoa too.
    expect((await call(app, 'GET', '/api/v1/study/stats', { token: tonga.token })).body.streak_days).toBe(2);
    expect((await call(app, 'GET', '/api/v1/study/stats', { token: samoa.token })).body.streak_days).toBe(2);
  });

  it("a review due later today in the user's zone is in today's queue, one due after the rollover is not", async () => {
    const clock = manualClock('2030-03-10T20:00:00.000Z');
    const { app } = buildStudyApp(clock);
    const s = await studentWithDeck(app, 1);
    await call(app, 'PUT', '/api/v1/study/settings', {
      token: s.token,
      body: { timezone: 'Pacific/Tongatapu', new_cards_per_day: 0, enable_fuzz: false },
    });
    const first = await answer(app, s.token, s.cards[0]!.id, 'easy');
    const due = new Date(first.body.state.due);
    // Just before the due instant's study day ends: due today. Just after its day starts: still due.
    const dayOfDue = studyDay(due, 'Pacific/Tongatapu', 4);
    clock.set(new Date(dayOfDue.start.getTime() - 60_000));
    expect((await call(app, 'GET', '/api/v1/study/queue', { token: s.token })).body.counts.review).toBe(0);
    clock.set(new Date(dayOfDue.start.getTime() + 60_000));
    expect((await call(app, 'GET', '/api/v1/study/queue', { token: s.token })).body.counts.review).toBe(1);
  });
});
