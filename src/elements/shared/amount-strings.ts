/**
 * The strings of the amount form (`amount-form.ts`) that the tribute button's dialog and the
 * composer's tribute request share; the form itself loads when first opened.
 */
export const amountStrings = {
  note: 'Note (optional)',
  amountRange: (min: string, max: string) => `Enter an amount between ${min} and ${max}.`,
};
