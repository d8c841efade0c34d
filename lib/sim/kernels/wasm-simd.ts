/**
 * The WebAssembly SIMD (f64x2) kernel, assembled into module bytes at load time.
 *
 * No build step and no committed binary: the three functions below are written in WebAssembly
 * text-format instructions (a small subset of WAT, flat — no folded expressions), and `assemble()`
 * turns them into a binary module (encoding: WebAssembly core spec, §5 "Binary Format"). The module
 * is well under the 4 KiB that browsers compile synchronously on the main thread, and
 * `loadWasmKernel()` compiles it synchronously. Where wasm or its SIMD proposal (in every engine
 * since 2021: Node 16.4, Chrome 91, Firefox 89, Safari 16.4) is missing, `loadWasmKernel()` returns
 * null and gemm.ts uses the pure-TypeScript kernel instead.
 *
 * Exports: memory `mem` and, with byte offsets into it,
 *
 *   block(ap, bp, cp, ldc, kc, init, tilesM, tilesN)
 *     For every MR×NR tile (it, jt) of C: C_tile = (init ? C_tile : 0) + Apanel[it] · Bpanel[jt],
 *     kc products p = 0, 1, …, kc−1. Apanel[it] (MR rows × kc, p-major: MR doubles per p) is at
 *     ap + it·kc·MR·8, Bpanel[jt] (kc × NR, p-major) at bp + jt·kc·NR·8, and the tile's top-left
 *     element at cp + (it·MR·ldc + jt·NR)·8 (ldc in elements). tilesM, tilesN, kc ≥ 1.
 *   packCols(src, ldb, dst, kc, panels), packRows(src, ldb, dst, kc, panels)
 *     Pack 4-wide panels for block() (see blocked.ts for what is packed from where).
 *
 * Each accumulator lane holds one C element and takes its products in the order p = 0, 1, …
 * with a separate multiply and add (f64x2.mul, f64x2.add: no fused multiply-add, no zero
 * skipping), so every element is rounded exactly as in the plain i-k-j loop: bit-identical to it.
 */

/** Rows of C per register tile. */
export const WASM_MR = 4;
/** Columns of C per register tile (two f64x2 vectors). */
export const WASM_NR = 4;

// ---- the kernels, in WebAssembly text instructions --------------------------------------------

interface Func {
  name: string;
  params: string[]; // all i32
  locals: [string, "i32" | "v128"][];
  body: string;
}

const lines = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join("\n");

/**
 * block(): an MR × (2·NRV) register tile of f64x2 accumulators $c{i}_{j}. V8's optimizing tier
 * keeps a 4×4 tile (8 accumulators, 2 B vectors, 1 broadcast A value) in registers without spills
 * and unrolls the p loop itself; wider tiles (4×6, 6×4, 3×8) or a hand-unrolled p loop measured no faster.
 */
function blockFunc(MR: number, NRV: number): Func {
  const NR = 2 * NRV;
  const acc: string[] = [];
  for (let i = 0; i < MR; i++) for (let j = 0; j < NRV; j++) acc.push(`$c${i}_${j}`);
  const rowAddr = (i: number) =>
    i === 0 ? "local.get $cTile" : `local.get $cTile local.get $ldcb i32.const ${i} i32.mul i32.add`;
  const eachAcc = (f: (i: number, j: number) => string) => lines(MR, (i) => lines(NRV, (j) => f(i, j)));
  return {
    name: "block",
    params: ["$ap", "$bp", "$cp", "$ldc", "$kc", "$init", "$tilesM", "$tilesN"],
    locals: [
      ...["$it", "$jt", "$a", "$b", "$p", "$ldcb", "$rowA", "$colB", "$cTile", "$cCol"].map(
        (n) => [n, "i32"] as [string, "i32"],
      ),
      ...[...acc, ...Array.from({ length: NRV }, (_, j) => `$b${j}`), "$av"].map(
        (n) => [n, "v128"] as [string, "v128"],
      ),
    ],
    body: `
      local.get $ldc i32.const 8 i32.mul local.set $ldcb          ;; bytes per row of C
      local.get $bp local.set $colB
      local.get $cp local.set $cCol
      local.get $tilesN local.set $jt
      loop                                                        ;; each column panel of B
        local.get $ap local.set $rowA
        local.get $cCol local.set $cTile
        local.get $tilesM local.set $it
        loop                                                      ;; each row panel of A
          local.get $rowA local.set $a
          local.get $colB local.set $b
          local.get $init
          if
            ${eachAcc((i, j) => `${rowAddr(i)} v128.load offset=${16 * j} local.set $c${i}_${j}`)}
          else
            ${eachAcc((i, j) => `v128.const i64x2 0 0 local.set $c${i}_${j}`)}
          end
          local.get $kc local.set $p
          loop                                                    ;; p = 0, 1, …, kc−1
            ${lines(NRV, (j) => `local.get $b v128.load offset=${16 * j} local.set $b${j}`)}
            ${lines(
              MR,
              (i) => `local.get $a v128.load64_splat offset=${8 * i} local.set $av
            ${lines(NRV, (j) => `local.get $c${i}_${j} local.get $av local.get $b${j} f64x2.mul f64x2.add local.set $c${i}_${j}`)}`,
            )}
            local.get $a i32.const ${MR * 8} i32.add local.set $a
            local.get $b i32.const ${NR * 8} i32.add local.set $b
            local.get $p i32.const 1 i32.sub local.tee $p
            br_if 0
          end
          ${eachAcc((i, j) => `${rowAddr(i)} local.get $c${i}_${j} v128.store offset=${16 * j}`)}
          local.get $rowA local.get $kc i32.const ${MR * 8} i32.mul i32.add local.set $rowA
          local.get $cTile local.get $ldcb i32.const ${MR} i32.mul i32.add local.set $cTile
          local.get $it i32.const 1 i32.sub local.tee $it
          br_if 0
        end
        local.get $colB local.get $kc i32.const ${NR * 8} i32.mul i32.add local.set $colB
        local.get $cCol i32.const ${NR * 8} i32.add local.set $cCol
        local.get $jt i32.const 1 i32.sub local.tee $jt
        br_if 0
      end`,
  };
}

/**
 * packCols(): 4-wide panels whose 4 values per p are adjacent in memory (op(A) with transA,
 * op(B) without transB). Panel q, step p: dst[q·kc·32 + p·32, +32) ← src[q·32 + p·ldb, +32).
 */
const packColsFunc: Func = {
  name: "packCols",
  params: ["$src", "$ldb", "$dst", "$kc", "$panels"],
  locals: [
    ["$s", "i32"],
    ["$d", "i32"],
    ["$p", "i32"],
  ],
  body: `
    loop                                                          ;; each panel
      local.get $src local.set $s
      local.get $dst local.set $d
      local.get $kc local.set $p
      loop                                                        ;; each p
        local.get $d local.get $s v128.load v128.store
        local.get $d local.get $s v128.load offset=16 v128.store offset=16
        local.get $s local.get $ldb i32.add local.set $s
        local.get $d i32.const 32 i32.add local.set $d
        local.get $p i32.const 1 i32.sub local.tee $p
        br_if 0
      end
      local.get $src i32.const 32 i32.add local.set $src
      local.get $dst local.get $kc i32.const 32 i32.mul i32.add local.set $dst
      local.get $panels i32.const 1 i32.sub local.tee $panels
      br_if 0
    end`,
};

/** i8x16.shuffle lanes: the low (or high) double of each of two vectors — unpcklpd / unpckhpd. */
const LO = "0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23";
const HI = "8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31";

/**
 * packRows(): 4-row panels from 4 rows of memory that each run along p (op(A) without transA,
 * op(B) with transB): a 4×2 transpose per two steps of p. Row r of panel q starts at
 * src + (4q + r)·ldb; dst as in packCols.
 */
const packRowsFunc: Func = {
  name: "packRows",
  params: ["$src", "$ldb", "$dst", "$kc", "$panels"],
  locals: [
    ...["$s0", "$s1", "$s2", "$s3", "$d", "$p"].map((n) => [n, "i32"] as [string, "i32"]),
    ...["$v0", "$v1", "$v2", "$v3"].map((n) => [n, "v128"] as [string, "v128"]),
  ],
  body: `
    loop                                                          ;; each panel
      local.get $src local.set $s0
      local.get $s0 local.get $ldb i32.add local.set $s1
      local.get $s1 local.get $ldb i32.add local.set $s2
      local.get $s2 local.get $ldb i32.add local.set $s3
      local.get $dst local.set $d
      local.get $kc local.set $p
      block
        loop                                                      ;; two steps of p at a time
          local.get $p i32.const 2 i32.lt_s br_if 1
          local.get $s0 v128.load local.set $v0
          local.get $s1 v128.load local.set $v1
          local.get $s2 v128.load local.set $v2
          local.get $s3 v128.load local.set $v3
          local.get $d local.get $v0 local.get $v1 i8x16.shuffle ${LO} v128.store
          local.get $d local.get $v2 local.get $v3 i8x16.shuffle ${LO} v128.store offset=16
          local.get $d local.get $v0 local.get $v1 i8x16.shuffle ${HI} v128.store offset=32
          local.get $d local.get $v2 local.get $v3 i8x16.shuffle ${HI} v128.store offset=48
          local.get $s0 i32.const 16 i32.add local.set $s0
          local.get $s1 i32.const 16 i32.add local.set $s1
          local.get $s2 i32.const 16 i32.add local.set $s2
          local.get $s3 i32.const 16 i32.add local.set $s3
          local.get $d i32.const 64 i32.add local.set $d
          local.get $p i32.const 2 i32.sub local.set $p
          br 0
        end
      end
      local.get $p
      if                                                          ;; odd kc: the last step
        local.get $d local.get $s0 f64.load f64.store
        local.get $d local.get $s1 f64.load f64.store offset=8
        local.get $d local.get $s2 f64.load f64.store offset=16
        local.get $d local.get $s3 f64.load f64.store offset=24
      end
      local.get $src local.get $ldb i32.const 4 i32.mul i32.add local.set $src
      local.get $dst local.get $kc i32.const 32 i32.mul i32.add local.set $dst
      local.get $panels i32.const 1 i32.sub local.tee $panels
      br_if 0
    end`,
};

// ---- a tiny assembler for that subset ----------------------------------------------------------

type Bytes = number[];

function uleb(v: number): Bytes {
  const out: Bytes = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

function sleb(v: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (s: string): Bytes => vec([...s].map((ch) => [ch.charCodeAt(0)]));
const TYPE = { i32: 0x7f, v128: 0x7b } as const;

/** Opcodes without immediates. */
const PLAIN: Record<string, Bytes> = {
  else: [0x05],
  end: [0x0b],
  "i32.eqz": [0x45],
  "i32.ne": [0x47],
  "i32.lt_s": [0x48],
  "i32.add": [0x6a],
  "i32.sub": [0x6b],
  "i32.mul": [0x6c],
  "f64x2.add": [0xfd, ...uleb(0xf0)],
  "f64x2.mul": [0xfd, ...uleb(0xf2)],
};
/** Memory opcodes: [prefix bytes, natural alignment (log2)]. */
const MEMORY: Record<string, [Bytes, number]> = {
  "f64.load": [[0x2b], 3],
  "f64.store": [[0x39], 3],
  "v128.load": [[0xfd, 0x00], 4],
  "v128.load64_splat": [[0xfd, 0x0a], 3],
  "v128.store": [[0xfd, 0x0b], 4],
};

/** Assembles one function body (flat instructions, `;;` comments) into its code-section entry. */
function assembleFunc(f: Func): Bytes {
  const index = new Map<string, number>();
  for (const p of f.params) index.set(p, index.size);
  for (const [n] of f.locals) index.set(n, index.size);
  const tokens = f.body
    .replace(/;;.*$/gm, "")
    .split(/\s+/)
    .filter((t) => t !== "");
  let t = 0;
  const next = () => {
    const tok = tokens[t++];
    if (tok === undefined) throw new Error(`${f.name}: unexpected end of body`);
    return tok;
  };
  const int = () => {
    const tok = next();
    if (!/^-?\d+$/.test(tok)) throw new Error(`${f.name}: expected an integer, got ${tok}`);
    return Number(tok);
  };
  const code: Bytes = [];
  while (t < tokens.length) {
    const ins = next();
    if (ins === "block" || ins === "loop" || ins === "if") code.push({ block: 0x02, loop: 0x03, if: 0x04 }[ins], 0x40);
    else if (ins === "br" || ins === "br_if") code.push(ins === "br" ? 0x0c : 0x0d, ...uleb(int()));
    else if (ins === "local.get" || ins === "local.set" || ins === "local.tee") {
      const v = next();
      const i = index.get(v);
      if (i === undefined) throw new Error(`${f.name}: unknown local ${v}`);
      code.push({ "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 }[ins], ...uleb(i));
    } else if (ins === "i32.const") code.push(0x41, ...sleb(int()));
    else if (ins === "v128.const") {
      if (next() !== "i64x2") throw new Error(`${f.name}: only v128.const i64x2 is supported`);
      const lanes = [int(), int()];
      if (lanes.some((v) => v !== 0)) throw new Error(`${f.name}: only zero v128 constants are supported`);
      code.push(0xfd, 0x0c, ...new Array<number>(16).fill(0));
    } else if (ins === "i8x16.shuffle") {
      const lanes = Array.from({ length: 16 }, int);
      code.push(0xfd, 0x0d, ...lanes);
    } else if (ins in MEMORY) {
      const [opcode, align] = MEMORY[ins] as [Bytes, number];
      let offset = 0;
      if (tokens[t]?.startsWith("offset=")) offset = Number(next().slice(7));
      code.push(...opcode, align, ...uleb(offset));
    } else if (ins in PLAIN) code.push(...(PLAIN[ins] as Bytes));
    else throw new Error(`${f.name}: unknown instruction ${ins}`);
  }
  // locals: runs of equal type
  const runs: Bytes[] = [];
  for (const [, ty] of f.locals) {
    const last = runs[runs.length - 1];
    if (last && last[1] === TYPE[ty]) last[0] = last[0]! + 1;
    else runs.push([1, TYPE[ty]]);
  }
  const body = [...vec(runs.map(([n, ty]) => [...uleb(n!), ty!])), ...code, 0x0b];
  return [...uleb(body.length), ...body];
}

/** The whole module: functions of all-i32 parameters and no results, one exported memory. */
function assemble(funcs: Func[]): Uint8Array<ArrayBuffer> {
  const arities = [...new Set(funcs.map((f) => f.params.length))];
  const types = arities.map((n) => [0x60, ...vec(new Array<Bytes>(n).fill([TYPE.i32])), ...vec([])]);
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((f) => uleb(arities.indexOf(f.params.length))))),
    ...section(5, vec([[0x00, 1]])), // memory: min 1 page, no max
    ...section(7, vec([...funcs.map((f, i) => [...name(f.name), 0x00, i]), [...name("mem"), 0x02, 0]])),
    ...section(10, vec(funcs.map(assembleFunc))),
  ]);
}

/** The module's bytes, for an MR × (2·NRV) register tile (packing assumes MR = 2·NRV = 4). */
export function emitGemmModule(MR = WASM_MR, NRV = WASM_NR / 2): Uint8Array<ArrayBuffer> {
  return assemble([blockFunc(MR, NRV), packColsFunc, packRowsFunc]);
}

export interface WasmKernel {
  readonly memory: WebAssembly.Memory;
  readonly block: (
    ap: number,
    bp: number,
    cp: number,
    ldc: number,
    kc: number,
    init: number,
    tilesM: number,
    tilesN: number,
  ) => void;
  readonly packCols: (src: number, ldb: number, dst: number, kc: number, panels: number) => void;
  readonly packRows: (src: number, ldb: number, dst: number, kc: number, panels: number) => void;
  readonly MR: number;
  readonly NR: number;
}

/** Compiles and instantiates the kernel, or returns null where wasm SIMD is unavailable. */
export function loadWasmKernel(MR = WASM_MR, NRV = WASM_NR / 2): WasmKernel | null {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return null;
    const bytes = emitGemmModule(MR, NRV);
    if (!WebAssembly.validate(bytes)) return null;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
    const ex = instance.exports as unknown as Omit<WasmKernel, "memory" | "MR" | "NR"> & { mem: WebAssembly.Memory };
    return { memory: ex.mem, block: ex.block, packCols: ex.packCols, packRows: ex.packRows, MR, NR: 2 * NRV };
  } catch {
    return null;
  }
}
