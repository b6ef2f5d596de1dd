import type { z } from 'zod';

import { adminChannels, adminEvents } from './channels/admin';
import { appChannels, appEvents } from './channels/app';
import { packChannels, packEvents } from './channels/pack';
import { stationChannels, stationEvents } from './channels/station';
import { supervisorChannels, supervisorEvents } from './channels/supervisor';
import type { ChannelSpec } from './define';
import type { IpcResult } from './result';

/**
 * The IPC contract: every channel between the renderer and main, declared once. Main's
 * handler registration, the preload API and the renderer's client are all derived from
 * these two objects, so a channel cannot exist on one side only.
 */
export const contract = {
  ...appChannels,
  ...packChannels,
  ...supervisorChannels,
  ...adminChannels,
  ...stationChannels,
} satisfies Record<string, ChannelSpec>;

/** Pushes from main to the renderer: event name → payload schema. */
export const events = {
  ...appEvents,
  ...packEvents,
  ...supervisorEvents,
  ...adminEvents,
  ...stationEvents,
} satisfies Record<string, z.ZodType>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelRequest<C extends Channel> = z.input<Contract[C]['request']>;
export type ChannelResponse<C extends Channel> = z.output<Contract[C]['response']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(contract) as Channel[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The single Electron IPC channel that carries every main → renderer event. */
export const eventTransportChannel = 'station:event';

/** An event as it travels: name plus payload. */
export interface EventEnvelope<E extends EventName = EventName> {
  name: E;
  payload: EventPayload<E>;
}

/** What the preload script exposes as `window.station`. */
export interface StationBridge {
  invoke: {
    [C in Channel]: (request: ChannelRequest<C>) => Promise<IpcResult<ChannelResponse<C>>>;
  };
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
