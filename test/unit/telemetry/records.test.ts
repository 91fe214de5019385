import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { telemetryUrl, toRecord } from '../../../src/telemetry/records.js';

const context = { sessionId: 's-1', lang: 'vi' as const, path: '/thu-tuc', now: Date.parse('2026-01-01T00:00:00Z') };

describe('telemetry records', () => {
  it('counts opens, answers, suggestions, handoffs and tours', () => {
    expect(toRecord('dvc-open', { source: 'launcher' }, context)).toEqual({ type: 'open', ts: '2026-01-01T00:00:00.000Z', sessionId: 's-1', lang: 'vi', path: '/thu-tuc' });
    expect(toRecord('dvc-answer', { query: 'khai sinh', decision: 'answer', id: 'khai-sinh' }, context)).toMatchObject({ type: 'answer', entryId: 'khai-sinh' });
    expect(toRecord('dvc-answer', { query: 'x', decision: 'handoff', id: 'y' }, context)).not.toHaveProperty('entryId');
    expect(toRecord('dvc-tour-complete', { tourId: 't' }, context)).toMatchObject({ type: 'tour-complete', tourId: 't' });
    expect(toRecord('dvc-close', {}, context)).toBeNull();
  });

  it('never carries what the citizen typed, whatever the event detail holds', () => {
    fc.assert(
      fc.property(fc.constantFrom('dvc-open', 'dvc-answer', 'dvc-tour-start'), fc.string({ minLength: 3 }), fc.constantFrom('answer', 'suggest', 'handoff'), (type, secret, decision) => {
        const record = toRecord(type, { query: `secret:${secret}`, question: secret, decision, tourId: 't', id: 'e' }, context);
        expect(JSON.stringify(record)).not.toContain(`secret:`);
        if (record) expect(Object.keys(record).every((k) => ['type', 'ts', 'sessionId', 'lang', 'path', 'entryId', 'tourId'].includes(k))).toBe(true);
      }),
    );
  });

  it('sends to {api}/v1/events by default, to an explicit URL, or nowhere', () => {
    expect(telemetryUrl('on', 'https://api.example', 'dvc')).toBe('https://api.example/v1/events');
    expect(telemetryUrl('on', null, 'dvc')).toBeNull();
    expect(telemetryUrl('on', 'https://gw.example/v1', 'openai')).toBeNull();
    expect(telemetryUrl('off', 'https://api.example', 'dvc')).toBeNull();
    expect(telemetryUrl('https://stats.example/e', null, 'dvc')).toBe('https://stats.example/e');
  });
});
