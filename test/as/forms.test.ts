// Every instruction form in the table, assembled by GNU as and by ours: identical bytes and
// relocations, form by form.
import { describe, expect, it } from 'vitest';
import { instructionForms } from './forms.js';
import { compareForms } from './compare-forms.js';

describe('instruction forms match GNU as byte for byte', () => {
  const forms = instructionForms();
  it(`all ${forms.length} forms`, () => {
    const bad = compareForms(forms);
    expect(bad.slice(0, 40).join('\n')).toBe('');
  });
});
