import type { Unmasked } from "@apollo/client";
import { useApolloClient, useMutation, useQuery, useSubscription } from "@apollo/client/react";
import { useEffect, useId, useRef, useState, useSyncExternalStore } from "react";
import type { KeyboardEvent } from "react";
import { socketStatus, subscribeSocketStatus } from "../../apollo";
import { getFragmentData, graphql } from "../../gql";
import type { NotificationInboxQuery, NotificationItemFragment } from "../../gql/graphql";
import { Link } from "../../router";
import "./notifications.css";
import { BellIcon } from "../shared/icons";

/** Notifications the panel lists (the newest); older ones stay in the API. */
export const INBOX_SIZE = 20;

/** What the inbox shows of a notification, on the first read and as it arrives live. */
export const NotificationItem = graphql(`
  fragment NotificationItem on Notification {
    id
    kind
    text
    url
    read
    createdAt
  }
`);

export const NotificationInbox = graphql(`
  query NotificationInbox($first: Int) {
    notifications(first: $first) {
      unreadCount
      edges {
        cursor
        node {
          id
          ...NotificationItem
        }
      }
    }
  }
`);

export const NotificationAdded = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
      ...NotificationItem
    }
  }
`);

export const MarkNotificationsRead = graphql(`
  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadCount
      notifications {
        id
        read
      }
    }
  }
`);

/** The inbox as the cache holds it (fragments unmasked). */
type Inbox = Unmasked<NotificationInboxQuery>["notifications"];

/** The inbox with `item` added on top (once), counted as unread. */
export function withArrival(inbox: Inbox, item: NotificationItemFragment): Inbox {
  if (inbox.edges.some((edge) => edge.node.id === item.id)) return inbox;
  const edge = { __typename: "NotificationEdge" as const, cursor: item.id, node: item };
  return { ...inbox, unreadCount: inbox.unreadCount + (item.read ? 0 : 1), edges: [edge, ...inbox.edges].slice(0, INBOX_SIZE) };
}

/**
 * The bell in the app's header: the unread count, kept current over the socket
 * (`notificationAdded`) and read again whenever the socket (re)connects, so nothing that arrived
 * while it was down is missed. It opens the inbox: each notification links to its place and is
 * marked read when opened; "Mark all read" clears the count.
 */
export function NotificationBell() {
  const ids = { panel: useId(), heading: useId() };
  const client = useApolloClient();
  const variables = { first: INBOX_SIZE };
  const { data, refetch } = useQuery(NotificationInbox, { variables });
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const [markRead] = useMutation(MarkNotificationsRead, {
    // The notifications it names come back with their ids, so the cache marks them by itself; the
    // count is the server's, and at zero (all read) every listed one is read.
    update(cache, { data: marked }) {
      if (!marked) return;
      const { unreadCount } = marked.markNotificationsRead;
      cache.updateQuery({ query: NotificationInbox, variables }, (current) =>
        current
          ? {
              notifications: {
                ...current.notifications,
                unreadCount,
                edges: current.notifications.edges.map((edge) =>
                  unreadCount === 0 ? { ...edge, node: { ...edge.node, read: true } } : edge,
                ),
              },
            }
          : current,
      );
    },
  });

  useSubscription(NotificationAdded, {
    onData: ({ data: added }) => {
      const arrived = added.data?.notificationAdded;
      if (!arrived) return;
      const item = getFragmentData(NotificationItem, arrived);
      const updated = client.cache.updateQuery({ query: NotificationInbox, variables }, (current) =>
        current ? { notifications: withArrival(current.notifications, item) } : current,
      );
      // Arrived before the inbox was read: read it (with this one) now.
      if (!updated) void refetch();
    },
  });

  // Whatever arrived while the socket was down: read the inbox again each time it is back up.
  const connected = useSyncExternalStore(subscribeSocketStatus, socketStatus);
  const wasDown = useRef(false);
  useEffect(() => {
    if (connected === false) wasDown.current = true;
    if (connected && wasDown.current) {
      wasDown.current = false;
      void refetch();
    }
  }, [connected, refetch]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  }

  const inbox = data?.notifications;
  const unread = inbox?.unreadCount ?? 0;
  const label = unread === 0 ? "Notifications" : `Notifications, ${unread} unread`;

  return (
    <div className="notification-bell" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={ids.panel}
        onClick={() => setOpen((was) => !was)}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true" data-testid="unread-count">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      <div ref={panel} id={ids.panel} className="inbox-panel card" role="region" aria-labelledby={ids.heading} hidden={!open}>
        <div className="inbox-head">
          <h2 id={ids.heading}>Notifications</h2>
          <button
            type="button"
            className="button-secondary"
            disabled={unread === 0}
            onClick={() => void markRead({ variables: { input: { all: true } } })}
          >
            Mark all read
          </button>
        </div>
        {inbox && inbox.edges.length === 0 ? (
          <p className="muted">Nothing needs you right now.</p>
        ) : (
          <ul className="inbox-list">
            {inbox?.edges
              .map((edge) => getFragmentData(NotificationItem, edge.node))
              .map((node) => (
                <li key={node.id} className={node.read ? "inbox-item" : "inbox-item unread"}>
                  <Link
                    to={node.url}
                    onClick={() => {
                      if (!node.read) void markRead({ variables: { input: { ids: [node.id] } } });
                      setOpen(false);
                    }}
                  >
                    {!node.read && <span className="visually-hidden">Unread: </span>}
                    {node.text}
                  </Link>
                  <time dateTime={node.createdAt} className="muted">
                    {new Date(node.createdAt).toLocaleString()}
                  </time>
                </li>
              ))}
          </ul>
        )}
      </div>
    </div>
  );
}
