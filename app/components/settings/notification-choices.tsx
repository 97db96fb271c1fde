import { Form } from '@remix-run/react';
import { EVENT_LABELS, type EventKind } from '~/domain/events';

/** The kinds of notification a user can get, each ticked unless muted. */
export function NotificationChoices({ choices }: { choices: { kind: EventKind; muted: boolean }[] }) {
  return (
    <Form method="post" className="card stack">
      <input type="hidden" name="intent" value="mute-events" />
      <fieldset>
        <legend>Tell me when</legend>
        <ul className="checkbox-list">
          {choices.map((choice) => (
            <li key={choice.kind}>
              <label>
                <input type="checkbox" name="notify" value={choice.kind} defaultChecked={!choice.muted} /> {EVENT_LABELS[choice.kind]}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <button type="submit">Save notifications</button>
    </Form>
  );
}
