/**
 * The phone's back button steps back through the claim wizard instead of leaving it (issue 14).
 * - `wizard-history.h5.ts`: one browser history entry per step shown (`pushState` with the step in
 *   its state, same URL); the back button pops to the step before, and the page shows it. The
 *   listener runs before the H5 router's and stops the event, so the router does not treat it as
 *   leaving the page.
 * - `wizard-history.weapp.ts`: nothing. The wizard is a tab page (the mini-program's home): WeChat's
 *   back gesture there closes the mini-program and cannot be intercepted (WECHAT.md); the draft is
 *   kept, so reopening continues on the same step.
 */
export interface WizardHistory {
  /** The wizard shows `step` (first show, next, back, jump): record it unless the back button did it. */
  shown(step: number): void
  /** The back button asked for `step`; returns a function that stops listening. */
  listen(onBack: (step: number) => void): () => void
  /**
   * 上一步 in the page: goes back through history when the entry below is `target`, so that the
   * page's and the phone's "back" stay one; true when it did (the listener then shows the step).
   */
  back(current: number, target: number): boolean
}
