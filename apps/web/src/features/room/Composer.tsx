import { useMutation } from "@apollo/client/react";
import { LOGGABLE_ACTIVITY_KINDS } from "@cosell/schema";
import type { LoggableActivityKind } from "@cosell/schema";
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { FormEvent, KeyboardEvent } from "react";
import { graphql } from "../../gql";
import { FormError } from "../shared/FormError";
import { refetchRoomFeed } from "./ActivityFeed";
import { activityKindLabel } from "./labels";
import { insertMention, mentionOptions, mentionQuery, mentionedIds } from "./mentions";
import type { Firm, Mentionable } from "./mentions";
import "../notifications/notifications.css";

const LogActivity = graphql(`
  mutation LogActivity($input: LogActivityInput!) {
    logActivity(input: $input) {
      id
      seq
      cursor
    }
  }
`);

/** A draft and the idempotency key it was last sent with, if it was sent. */
interface Draft {
  readonly kind: LoggableActivityKind;
  readonly body: string;
  readonly sentWithKey: string | null;
  /** People chosen from the mention list (sent as `mentions` while their "@Name" is in the body). */
  readonly mentions: readonly Mentionable[];
  /** The firm a help request asks (`askOrganizationId`); null: the whole room. */
  readonly ask: string | null;
}

const emptyDraft: Draft = { kind: "NOTE", body: "", sentWithKey: null, mentions: [], ask: null };

/** Drafts survive a reload or a detour to the board, per room, for the browser tab's lifetime. */
const draftKey = (opportunityId: string) => `cosell.draft.${opportunityId}`;

function loadDraft(opportunityId: string): Draft {
  try {
    const saved = window.sessionStorage.getItem(draftKey(opportunityId));
    if (!saved) return emptyDraft;
    const parsed = JSON.parse(saved) as Partial<Draft>;
    const kind = LOGGABLE_ACTIVITY_KINDS.find((k) => k === parsed.kind) ?? "NOTE";
    return {
      kind,
      body: typeof parsed.body === "string" ? parsed.body : "",
      sentWithKey: parsed.sentWithKey ?? null,
      mentions: Array.isArray(parsed.mentions) ? parsed.mentions : [],
      ask: typeof parsed.ask === "string" ? parsed.ask : null,
    };
  } catch {
    return emptyDraft;
  }
}

function saveDraft(opportunityId: string, draft: Draft): void {
  try {
    if (draft.body === "" && draft.kind === "NOTE") window.sessionStorage.removeItem(draftKey(opportunityId));
    else window.sessionStorage.setItem(draftKey(opportunityId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft still lives in the form.
  }
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Logs a note, call, meeting, email, help request or result to the room. The draft is never lost:
 * on an error it stays in the form with the reason, and a retry reuses the idempotency key of the
 * failed attempt, so a post that did reach the server before the connection dropped is not written
 * twice. Editing the draft after a failure makes it a new post with a new key. Typing "@" offers
 * the room's `members` to mention (arrows to pick, Enter or Tab to choose, Escape to dismiss); a
 * help request may ask one of the room's `firms` instead of the whole room.
 */
export function Composer({
  opportunityId,
  members = [],
  firms = [],
}: {
  opportunityId: string;
  members?: readonly Mentionable[];
  firms?: readonly Firm[];
}) {
  const ids = { kind: useId(), body: useId(), error: useId(), mentions: useId(), ask: useId() };
  const [draft, setDraft] = useState<Draft>(() => loadDraft(opportunityId));
  const [logActivity, { loading, error, reset }] = useMutation(LogActivity, {
    refetchQueries: refetchRoomFeed(opportunityId),
    awaitRefetchQueries: true,
  });
  const [posted, setPosted] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState<number | null>(null);
  // Where the caret goes once a chosen mention is in the textarea. Placed in the same commit as
  // the new text, so a key typed right after Enter lands after the name, not before it.
  const placeCaret = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (placeCaret.current === null) return;
    bodyRef.current?.setSelectionRange(placeCaret.current, placeCaret.current);
    placeCaret.current = null;
  });
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const typing = caret === null || dismissed ? null : mentionQuery(draft.body, caret);
  const options = typing ? mentionOptions(members, typing.query) : [];
  const listing = options.length > 0;

  useEffect(() => saveDraft(opportunityId, draft), [opportunityId, draft]);

  function edit(change: Partial<Pick<Draft, "kind" | "body" | "mentions" | "ask">>) {
    setPosted(false);
    setDraft((current) => ({ ...current, ...change, sentWithKey: null }));
  }

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (loading || draft.body.trim() === "") return;
    const idempotencyKey = draft.sentWithKey ?? newIdempotencyKey();
    const sent = { ...draft, sentWithKey: idempotencyKey };
    setDraft(sent);
    setPosted(false);
    try {
      await logActivity({
        variables: {
          input: {
            opportunityId,
            kind: draft.kind,
            body: draft.body.trim(),
            idempotencyKey,
            mentions: mentionedIds(draft.body, draft.mentions),
            askOrganizationId: draft.kind === "HELP_REQUEST" ? draft.ask : null,
          },
        },
      });
      // Only what was sent is cleared: anything typed while it was on its way stays.
      setDraft((current) => (current.sentWithKey === idempotencyKey ? { ...emptyDraft, kind: current.kind, ask: current.ask } : current));
      setPosted(true);
      reset();
      bodyRef.current?.focus();
    } catch {
      // `error` from the hook says why; the draft and its key stay for the retry.
    }
  }

  function choose(member: Mentionable) {
    if (!typing || caret === null) return;
    const next = insertMention(draft.body, typing.start, caret, member.name);
    edit({ body: next.text, mentions: [...draft.mentions.filter((m) => m.id !== member.id), member] });
    setCaret(next.caret);
    setActive(0);
    placeCaret.current = next.caret;
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (listing) {
      const step = event.key === "ArrowDown" ? 1 : event.key === "ArrowUp" ? -1 : 0;
      if (step !== 0) {
        event.preventDefault();
        setActive((current) => (current + step + options.length) % options.length);
        return;
      }
      if ((event.key === "Enter" && !event.metaKey && !event.ctrlKey) || event.key === "Tab") {
        event.preventDefault();
        choose(options[Math.min(active, options.length - 1)]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        setDismissed(true);
        return;
      }
    }
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) void submit();
  }

  function follow(textarea: HTMLTextAreaElement) {
    setCaret(textarea.selectionStart === textarea.selectionEnd ? textarea.selectionStart : null);
  }

  return (
    <form className="composer card" onSubmit={(event) => void submit(event)} aria-label="Log to the feed">
      <div className="composer-row">
        <label htmlFor={ids.kind} className="visually-hidden">
          Kind
        </label>
        <select
          id={ids.kind}
          value={draft.kind}
          onChange={(event) => edit({ kind: LOGGABLE_ACTIVITY_KINDS.find((k) => k === event.target.value) ?? "NOTE" })}
        >
          {LOGGABLE_ACTIVITY_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {activityKindLabel(kind)}
            </option>
          ))}
        </select>
        {draft.kind === "HELP_REQUEST" && firms.length > 0 && (
          <>
            <label htmlFor={ids.ask} className="visually-hidden">
              Ask
            </label>
            <select id={ids.ask} value={draft.ask ?? ""} onChange={(event) => edit({ ask: event.target.value || null })}>
              <option value="">Ask the whole room</option>
              {firms.map((firm) => (
                <option key={firm.id} value={firm.id}>
                  Ask {firm.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor={ids.body} className="visually-hidden">
          What happened?
        </label>
        <div className="mention-box">
          <textarea
            id={ids.body}
            ref={bodyRef}
            rows={2}
            placeholder="What happened? (@ to mention, Ctrl+Enter to post)"
            value={draft.body}
            onChange={(event) => {
              edit({ body: event.target.value });
              setDismissed(false);
              setActive(0);
              follow(event.target);
            }}
            onSelect={(event) => follow(event.currentTarget)}
            onBlur={() => setCaret(null)}
            onKeyDown={onKeyDown}
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={listing}
            aria-controls={ids.mentions}
            aria-activedescendant={listing ? `${ids.mentions}-${Math.min(active, options.length - 1)}` : undefined}
            aria-describedby={error ? ids.error : undefined}
            aria-invalid={error ? true : undefined}
          />
          <ul id={ids.mentions} role="listbox" aria-label="Mention a room member" className="mention-options" hidden={!listing}>
            {options.map((member, index) => (
              <li
                key={member.id}
                id={`${ids.mentions}-${index}`}
                role="option"
                aria-selected={index === Math.min(active, options.length - 1)}
                // Chosen before the textarea's blur would close the list.
                onMouseDown={(event) => {
                  event.preventDefault();
                  choose(member);
                }}
              >
                {member.name}
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="button-primary composer-post" disabled={loading || draft.body.trim() === ""}>
          {loading ? "Posting…" : error && draft.sentWithKey ? "Retry" : "Post"}
        </button>
      </div>
      <FormError id={ids.error} error={error} prefix="Not posted — your draft is kept." />
      {posted && (
        <p className="visually-hidden" role="status">
          Posted.
        </p>
      )}
    </form>
  );
}
