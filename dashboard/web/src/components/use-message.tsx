import { useState } from 'react';

/** A form's outcome message (status or alert) and a runner that sets it. */
export function useMessage() {
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  /** Runs an action; says `ok`, or the string the action returns, or the error. */
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      const said = await fn();
      setMessage({ text: typeof said === 'string' ? said : ok, error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    }
  };
  const view = message && (
    <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : 'note'}>
      {message.text}
    </p>
  );
  return { run, view };
}
