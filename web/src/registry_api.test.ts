import { describe, expect, it } from 'vitest';
import { personCode, type Person } from './registry_api';

const person = (code: string, name: string) => ({ code, name }) as Person;

describe('the roster reads who was typed', () => {
  const people = [person('DP-1', 'Nông Thị Mai'), person('DP-2', 'Lò Văn Hai'), person('DP-3', 'Lò Văn Hai')];
  it('takes the code of a name picked from the list', () => {
    expect(personCode('Nông Thị Mai (DP-1)', people)).toBe('DP-1');
  });
  it('takes a name typed in full when it is the only one, in any case', () => {
    expect(personCode('nông thị mai', people)).toBe('DP-1');
  });
  it('leaves a name two people share, and a code typed from paper, as typed', () => {
    expect(personCode('Lò Văn Hai', people)).toBe('Lò Văn Hai');
    expect(personCode(' DP-9 ', people)).toBe('DP-9');
  });
});
