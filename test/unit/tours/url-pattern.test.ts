import { describe, expect, it } from 'vitest';
import { matchesPath, normalisePath, patternProblem, startPathOf } from '../../../src/tours/url-pattern.js';

describe('tour path patterns', () => {
  it('match whole paths, * matching anything, ignoring query, hash and a trailing slash', () => {
    expect(matchesPath('/thu-tuc/khai-sinh*', '/thu-tuc/khai-sinh/nop')).toBe(true);
    expect(matchesPath('/thu-tuc/khai-sinh', '/thu-tuc/khai-sinh/?x=1#a')).toBe(true);
    expect(matchesPath('/thu-tuc/khai-sinh', '/thu-tuc/khai-sinh/nop')).toBe(false);
    expect(matchesPath('/thanh-toan', '/thanh-toanx')).toBe(false);
    expect(matchesPath('/a.b', '/aXb')).toBe(false); // a dot is a dot, not "any character"
    expect(matchesPath('/*/nop', '/thu-tuc/khai-sinh/nop')).toBe(true);
  });

  it('give the path to visit before the first *', () => {
    expect(startPathOf('/thu-tuc/khai-sinh*')).toBe('/thu-tuc/khai-sinh');
    expect(startPathOf('/cu-tru/*')).toBe('/cu-tru');
    expect(startPathOf('*')).toBeNull();
    expect(normalisePath('')).toBe('/');
  });

  it('reject what is not a same-site path', () => {
    expect(patternProblem('/ok*')).toBeNull();
    expect(patternProblem('https://evil.example/')).toMatch(/same-site/);
    expect(patternProblem('//evil.example/')).toMatch(/same-site/);
    expect(patternProblem('/a?b=1')).toMatch(/path only/);
    expect(patternProblem(3)).toMatch(/path pattern/);
  });
});
