import { describe, expect, it } from 'vitest';
import { REGISTER_TEXTS as R } from './register-texts.js';

describe('the register’s counts', () => {
  it('agree in number in every language: 1 usage, 2 usages', () => {
    expect(R.open(1)).toEqual({
      fi: '1 käyttö viemättä Kaikukantaan.',
      sv: '1 användning ännu inte förd till Kaikukanta.',
      en: '1 usage not yet exported for Kaikukanta.',
    });
    expect(R.open(2)).toEqual({
      fi: '2 käyttöä viemättä Kaikukantaan.',
      sv: '2 användningar ännu inte förda till Kaikukanta.',
      en: '2 usages not yet exported for Kaikukanta.',
    });
    expect(R.alreadyExported(1).en).toBe(
      '1 usage is already in a file for Kaikukanta’s import: it is not sent; import that file.',
    );
    expect(R.handOver(1_000, '1 000').fi).toMatch(/^Tällä päätteellä on 1 000 käyttöä, jotka .* Lähetä ne /);
    for (const n of [0, 1, 2]) expect(Object.values(R.exported(n)).join()).not.toMatch(/[{}|#]/);
  });
});
