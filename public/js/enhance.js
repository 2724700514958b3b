// Small enhancements; every page works without this file.
// Move focus to the error summary, so screen reader and keyboard users hear the problem first.
const summary = document.querySelector('[data-error-summary]');
if (summary instanceof HTMLElement) summary.focus();
