import type { ApiClient } from '../api/api-client';

/** Who may download and check packs (as the API enforces). */
export const PACK_ROLES = ['aims-manager', 'external-auditor'] as const;

export type Readiness = 'ready' | 'gap' | 'no-evidence';

export interface ReadinessItem {
  id: string;
  kind: 'clause' | 'control';
  title: string;
  group: string;
  status: Readiness;
  gaps: string[];
  evidence: string[];
}

/** `GET /api/readiness`. */
export interface ReadinessReport {
  generatedAt: string;
  rule: string;
  items: ReadinessItem[];
  groups: Array<{ group: string; title: string } & Record<Readiness, number>>;
  totals: Record<Readiness, number>;
  undecidedControls: number;
}

/** `POST /api/evidence-pack/verify`. */
export interface PackVerification {
  ok: boolean;
  keyId: string | null;
  pinned: boolean;
  signature: 'valid' | 'invalid' | 'missing';
  files: number;
  organization: { id: string; name: string } | null;
  createdAt: string | null;
  problems: Array<{ path: string; problem: string }>;
}

export interface PackProgress {
  received: number;
  /** The server's estimate of the pack's size (0 when it gave none). */
  estimated: number;
  files: number;
}

const FILENAME = /filename="([^"]+)"/;

export function evidencePackApi(api: ApiClient) {
  return {
    readiness(signal?: AbortSignal) {
      return api.get<ReadinessReport>('/readiness', { signal });
    },
    publicKey(signal?: AbortSignal) {
      return api.get<{ algorithm: string; keyId: string; publicKeyPem: string }>(
        '/evidence-pack/public-key',
        {
          signal,
        },
      );
    },
    /**
     * Downloads the pack while the server builds it, reporting the bytes received against the
     * size the server announced (an estimate: the zip is compressed as it streams).
     */
    async download(onProgress: (p: PackProgress) => void, signal?: AbortSignal) {
      const res = await api.raw('GET', '/evidence-pack', { accept: 'application/zip', signal });
      const progress: PackProgress = {
        received: 0,
        estimated: Number(res.headers.get('x-pack-estimated-bytes')) || 0,
        files: Number(res.headers.get('x-pack-files')) || 0,
      };
      onProgress({ ...progress });
      const chunks: Uint8Array[] = [];
      const reader = res.body?.getReader();
      if (!reader) throw new Error('This browser cannot read a download as it arrives.');
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        progress.received += value.length;
        onProgress({ ...progress });
      }
      const filename =
        FILENAME.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'evidence-pack.zip';
      return { blob: new Blob(chunks as BlobPart[], { type: 'application/zip' }), filename, ...progress };
    },
    async verify(file: Blob, signal?: AbortSignal): Promise<PackVerification> {
      const res = await api.raw('POST', '/evidence-pack/verify', {
        body: file,
        contentType: 'application/zip',
        accept: 'application/json',
        signal,
      });
      return (await res.json()) as PackVerification;
    },
  };
}
