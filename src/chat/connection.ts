import type { Platform } from '../domain/platform.ts'

/**
 * Where a connection that this instance runs stands. `standby`: another instance leads; `connecting`,
 * `reconnecting`: on the way (backing off after a failure); `connected`: receiving; `conflict`: someone outside this
 * deployment polls the same bot (Telegram 409); `replaced`: another program took the WeCom connection over and is not
 * fought for; `unauthorized`: the platform refused the credentials (fix them and restart); `stopped`.
 */
export type ConnectionState =
  | 'standby'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'conflict'
  | 'replaced'
  | 'unauthorized'
  | 'stopped'

export interface ConnectionStatus {
  platform: Platform
  /** How the platform's messages reach us: `polling` (Telegram getUpdates) or `connection` (WeCom WebSocket). */
  mode: 'polling' | 'connection'
  state: ConnectionState
  /** When the state last changed. */
  since: Date
  /** When the current connection was made (null while not connected). */
  connectedSince: Date | null
  /** When a message last arrived on it (null: none since start). */
  lastMessageAt: Date | null
  /** The last failure, in words (no secret, no message content). */
  detail?: string
}

/** An outbound connection to a platform that only the leader instance holds. */
export interface Connection {
  platform: Platform
  /** Starts connecting in the background; resolves at once. */
  start(): Promise<void>
  /** Disconnects cleanly: what is in flight finishes, Telegram learns the last update handled. */
  stop(): Promise<void>
  status(): ConnectionStatus
  /** True when messages can be sent on it now (WeCom: connected and subscribed). */
  canSend(): boolean
}
