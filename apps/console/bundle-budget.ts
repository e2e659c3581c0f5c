import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

interface ChunkLike {
  type: 'chunk' | 'asset';
  fileName: string;
  code?: string;
  source?: string | Uint8Array;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
}

/**
 * Prints the JavaScript the sign-in page loads (the entry, the sign-in route and every
 * chunk they import, gzipped) and fails the build above the budget.
 */
export function bundleBudget(options: { route: RegExp; budgetKb: number }): Plugin {
  return {
    name: 'dure-bundle-budget',
    apply: 'build',
    generateBundle(_out, bundle) {
      const chunks = Object.values(bundle as Record<string, ChunkLike>).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const needed = new Set<string>();
      const visit = (c: ChunkLike | undefined) => {
        if (!c || needed.has(c.fileName)) return;
        needed.add(c.fileName);
        for (const i of c.imports ?? []) visit(byName.get(i));
      };
      chunks.filter((c) => c.isEntry || options.route.test(c.facadeModuleId ?? '')).forEach(visit);
      const sizes = [...needed].map((f) => ({ file: f, gzip: gzipSync(byName.get(f)?.code ?? '').length }));
      const totalKb = sizes.reduce((s, x) => s + x.gzip, 0) / 1024;
      console.log('\nSign-in page JavaScript (gzip):');
      for (const s of sizes.sort((a, b) => b.gzip - a.gzip)) console.log(`  ${(s.gzip / 1024).toFixed(1).padStart(7)} KB  ${s.file}`);
      console.log(`  ${totalKb.toFixed(1).padStart(7)} KB  in all (budget ${options.budgetKb} KB)\n`);
      if (totalKb > options.budgetKb) this.error(`The sign-in page needs ${totalKb.toFixed(1)} KB of JavaScript (gzip), over the ${options.budgetKb} KB budget`);
    },
  };
}
