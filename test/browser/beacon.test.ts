import { expect } from '@open-wc/testing';
import { DvcAnswerEvent } from '../../src/events/dvc-answer.js';
import { DvcOpenEvent } from '../../src/events/dvc-open.js';
import { startBeacon } from '../../src/telemetry/beacon.js';

function setup(batchSize = 20, alreadyOpen = false) {
  const host = document.createElement('div');
  const sent: { url: string; records: Record<string, unknown>[] }[] = [];
  const stop = startBeacon({
    url: 'https://api.example/v1/events',
    events: host,
    sessionId: () => 's-1',
    lang: () => 'vi',
    batchSize,
    alreadyOpen,
    send: (url, body) => {
      sent.push({ url, records: JSON.parse(body) as Record<string, unknown>[] });
      return true;
    },
  });
  return { host, sent, stop };
}

const answer = (decision: 'answer' | 'handoff') =>
  new DvcAnswerEvent({ query: 'CCCD 001099012345 làm lại', decision, id: 'can-cuoc', topic: 'can-cuoc', lang: 'vi', mode: 'lexical' });

describe('the telemetry beacon', () => {
  it('batches records until the page hides, without the question', () => {
    const { host, sent, stop } = setup();
    host.dispatchEvent(new DvcOpenEvent('launcher'));
    host.dispatchEvent(answer('answer'));
    host.dispatchEvent(answer('handoff'));
    expect(sent).to.deep.equal([]);
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(sent.length).to.equal(1);
    expect(sent[0]!.records.map((r) => r.type)).to.deep.equal(['open', 'answer', 'handoff']);
    expect(sent[0]!.records[1]).to.include({ entryId: 'can-cuoc', sessionId: 's-1', lang: 'vi', path: location.pathname });
    expect(JSON.stringify(sent)).not.to.contain('001099012345');
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(sent.length).to.equal(1); // nothing new, nothing sent
    stop();
  });

  it('counts the opening that loaded the app, which fired before anyone listened', () => {
    const { sent, stop } = setup(20, true);
    stop();
    expect(sent[0]!.records.map((r) => r.type)).to.deep.equal(['open']);
  });

  it('sends a full batch at once, and what is left when stopped', () => {
    const { host, sent, stop } = setup(2);
    host.dispatchEvent(new DvcOpenEvent('launcher'));
    host.dispatchEvent(answer('answer'));
    expect(sent.length).to.equal(1);
    host.dispatchEvent(answer('answer'));
    stop();
    expect(sent.length).to.equal(2);
    host.dispatchEvent(answer('answer'));
    dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(sent.length).to.equal(2); // stopped: no longer listening
  });
});
