// Requests as the visitor types: at most one in flight; while it runs, only the newest input waits
// (the ones between are skipped), and an answer older than one already shown is never shown.

/**
 * @param run (args) => Promise of a result
 * @param show (result, args) => void, called for the newest answer so far
 */
export function createLatest(run, show) {
  let inFlight = false;
  let waiting = null;
  let sent = 0;
  let shown = 0;
  const fire = (args) => {
    const sequence = ++sent;
    inFlight = true;
    Promise.resolve()
      .then(() => run(args))
      .then((result) => {
        if (sequence <= shown) return;
        shown = sequence;
        show(result, args);
      })
      .catch(() => {})
      .finally(() => {
        inFlight = false;
        if (waiting) {
          const next = waiting;
          waiting = null;
          fire(next);
        }
      });
  };
  return {
    request(args) {
      if (inFlight) waiting = { ...args };
      else fire(args);
    },
    /** Forget what waits and never show what is under way. */
    cancel() {
      waiting = null;
      shown = sent;
    },
    get busy() { return inFlight; },
  };
}
