/**
 * Share links (the web build): the experiment, without weights, in the
 * URL's fragment — `#experiment=` and the experiment file's JSON, deflated
 * and base64url-encoded — so a teacher can send "open this" to a class. The
 * fragment never reaches a server. Opening a link reads it back through the
 * same parser as a file, so a broken or hostile link is refused with the
 * field it got wrong.
 */
import { parseExperimentText, serializeExperiment } from '../../core/experiment/parse';
import { ValidationError } from '../../core/experiment/errors';
import type { Experiment } from '../../core/experiment/types';

export const SHARE_KEY = 'experiment';
/** Longer links break in mail and chat programs; an experiment this large (inline data) goes as a file. */
export const MAX_LINK_CHARS = 32_000;
/** Payload prefixes: deflated JSON, or the JSON as is where the browser cannot deflate. */
const DEFLATED = 'z';
const PLAIN = 'j';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it is not base64url text');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

type ByteStream = TransformStream<Uint8Array, Uint8Array>;

async function through(bytes: Uint8Array, stream: ByteStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const canDeflate = (): boolean => typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';

/** The fragment (without "#") that opens `e`, weights left out. */
export async function shareFragment(e: Experiment): Promise<string> {
  const json = new TextEncoder().encode(serializeExperiment({ ...e, weights: null }));
  const payload = canDeflate()
    ? DEFLATED + toBase64Url(await through(json, new CompressionStream('deflate-raw') as ByteStream))
    : PLAIN + toBase64Url(json);
  return `${SHARE_KEY}=${payload}`;
}

/** The page's address with `e` in its fragment. */
export async function shareUrl(e: Experiment, location: { origin: string; pathname: string; search: string }): Promise<string> {
  return `${location.origin}${location.pathname}${location.search}#${await shareFragment(e)}`;
}

export type SharedExperiment =
  | { ok: true; experiment: Experiment }
  | { ok: false; message: string };

/** The experiment in a location's fragment (with or without "#"); null when the fragment holds none. */
export async function readShareFragment(hash: string): Promise<SharedExperiment | null> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = params.get(SHARE_KEY);
  if (payload === null) return null;
  if (payload.length > MAX_LINK_CHARS) return { ok: false, message: `the link's experiment is ${payload.length} characters long; links hold at most ${MAX_LINK_CHARS}` };
  let text: string;
  try {
    const bytes = fromBase64Url(payload.slice(1));
    if (payload[0] === DEFLATED) {
      if (!canDeflate()) return { ok: false, message: 'this browser cannot read compressed links (it has no DecompressionStream): open the link in a current browser' };
      text = new TextDecoder('utf-8', { fatal: true }).decode(await through(bytes, new DecompressionStream('deflate-raw') as ByteStream));
    } else if (payload[0] === PLAIN) {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } else {
      return { ok: false, message: `the link's experiment starts with "${payload.slice(0, 1)}", expected "${DEFLATED}" (compressed) or "${PLAIN}" (plain JSON)` };
    }
  } catch (e) {
    return { ok: false, message: `the link is damaged (${e instanceof Error ? e.message : String(e)}): was it cut off when it was copied?` };
  }
  try {
    const experiment = parseExperimentText(text, 'the link');
    return { ok: true, experiment: { ...experiment, weights: null } };
  } catch (e) {
    return { ok: false, message: e instanceof ValidationError || e instanceof Error ? e.message : String(e) };
  }
}

/** A few lines that say what an experiment is, for the dialog that asks before opening it. */
export function describeExperiment(e: Experiment): string[] {
  const d = e.data;
  const data = d.kind === 'csv' ? `your CSV file “${d.path}” (the link cannot carry it: open it in the Data panel)`
    : d.kind === 'inline' ? `${d.x.length} data points stored in the link`
      : d.kind === 'mnist' ? `${d.samples} MNIST digits`
        : `${d.kind}, ${d.samples} samples${d.kind === 'spiral' || d.kind === 'gaussians' ? `, ${d.classes} classes` : ''}, noise ${d.noise}`;
  const hidden = e.network.layers.slice(0, -1);
  const activations = [...new Set(hidden.map((l) => l.activation.kind))].join(', ');
  const o = e.training.optimizer;
  const duration = e.training.steps !== null ? `${e.training.steps} steps` : `${e.training.epochs} epochs`;
  return [
    `Data: ${data}`,
    `Network: ${[e.network.inputs, ...e.network.layers.map((l) => l.units)].join(' → ')}${activations ? ` (${activations})` : ''}, ${e.network.loss}`,
    `Training: ${o.kind} at learning rate ${o.lr}, batch ${e.training.batchSize}, ${duration}, seed ${e.seed}`,
  ];
}
