import { expect } from '@open-wc/testing';
import { giveConsent, hasConsent, sessionId } from '../../src/storage/small-state.js';

describe('small state in Web Storage', () => {
  beforeEach(() => sessionStorage.clear());

  it('keeps consent where the conversation lives, and forgets it with that storage', () => {
    expect(hasConsent('session')).to.equal(false);
    giveConsent('session');
    expect(hasConsent('session')).to.equal(true);
    sessionStorage.clear();
    expect(hasConsent('session')).to.equal(false);
    giveConsent('none');
    expect(hasConsent('none')).to.equal(true);
    expect(sessionStorage.length).to.equal(0);
  });

  it('gives one random session pseudonym per tab session', () => {
    const id = sessionId();
    expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sessionId()).to.equal(id);
    sessionStorage.clear();
    expect(sessionId()).not.to.equal(id);
  });
});
