/**
 * Moving the focus to a control after an error (so a screen reader reads it and a keyboard user
 * types there): `focus.h5.ts` focuses the control inside the element with that id; in WeChat the
 * page scrolls to it (`focus.weapp.ts`): a mini-program cannot move a screen reader's focus.
 */
export type FocusField = (id: string) => void
