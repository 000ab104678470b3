// Heap snapshots through CDP, summarised by (node type, constructor/name): what a page's JS heap
// holds, so two snapshots can be diffed to see what grows between them.
import type { CDPSession } from 'playwright-core';
import { z } from 'zod';

const Snapshot = z.object({
  snapshot: z.object({
    meta: z.object({ node_fields: z.array(z.string()), node_types: z.array(z.unknown()) }),
  }),
  nodes: z.array(z.number()),
  strings: z.array(z.string()),
});

export type HeapSummary = ReadonlyMap<string, { count: number; bytes: number }>;

/** Takes a snapshot (V8 collects garbage first) and sums self sizes per "type name". */
export async function heapSummary(cdp: CDPSession): Promise<HeapSummary> {
  const chunks: string[] = [];
  const onChunk = ({ chunk }: { chunk: string }): void => {
    chunks.push(chunk);
  };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const s = Snapshot.parse(JSON.parse(chunks.join('')));
  const fields = s.snapshot.meta.node_fields;
  const types = z.array(z.string()).parse(s.snapshot.meta.node_types[0]);
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  if (
    typeAt === undefined ||
    nameAt === undefined ||
    sizeAt === undefined ||
    Math.min(typeAt, nameAt, sizeAt) < 0
  )
    throw new Error('unexpected snapshot format');
  const out = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const type = types[s.nodes[i + typeAt] ?? 0] ?? '?';
    const rawName = s.strings[s.nodes[i + nameAt] ?? 0] ?? '';
    // Strings and code objects have one name each: group them by type only.
    const name = type === 'object' || type === 'closure' || type === 'native' ? rawName.slice(0, 60) : '';
    const key = `${type}${name ? ` ${name}` : ''}`;
    const entry = out.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += s.nodes[i + sizeAt] ?? 0;
    out.set(key, entry);
  }
  return out;
}

/** The `n` keys whose bytes grew most from `a` to `b`, formatted. */
export function heapGrowth(a: HeapSummary, b: HeapSummary, n: number): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  const rows = [...keys].map((k) => {
    const x = a.get(k) ?? { count: 0, bytes: 0 };
    const y = b.get(k) ?? { count: 0, bytes: 0 };
    return { k, bytes: y.bytes - x.bytes, count: y.count - x.count };
  });
  const total = rows.reduce((sum, r) => sum + r.bytes, 0);
  return [
    `  total ${(total / 1024).toFixed(0)} KiB`,
    ...rows
      .sort((p, q) => q.bytes - p.bytes)
      .slice(0, n)
      .map(
        (r) => `  ${(r.bytes / 1024).toFixed(1).padStart(8)} KiB ${String(r.count).padStart(7)} objs  ${r.k}`,
      ),
  ];
}

/** Live counts of the objects a call creates (sessions, media), to spot per-call objects that stay. */
export function perCallObjects(s: HeapSummary): string[] {
  const interesting =
    /CallSession|Inviter|Invitation|SessionDescriptionHandler|PeerConnection|<audio|MediaStream\b|UserAgentCore|Transaction|Dialog/;
  return [...s.entries()]
    .filter(([k]) => interesting.test(k))
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 20)
    .map(([k, v]) => `  ${String(v.count).padStart(6)} × ${k}`);
}
