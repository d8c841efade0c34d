/**
 * A tiny assembler: WebAssembly text-format instructions (a flat subset of WAT — no folded
 * expressions) to a binary module (encoding: WebAssembly core spec §5 "Binary Format", SIMD
 * proposal's instruction encodings). It exists so that the engine's kernels ship as readable text
 * and need no build step and no committed binary; wasm-simd.ts (gemm) and elementwise.ts (the
 * vector math) are written in it.
 *
 * Supported: functions with typed parameters and locals, no results; one exported memory; blocks,
 * loops and ifs without results; the scalar and SIMD instructions in the tables below, with
 * `offset=` on memory instructions and lane/shuffle immediates; `;;` comments.
 */

export type ValType = "i32" | "i64" | "f64" | "v128";

export interface Func {
  name: string;
  params: [string, ValType][];
  locals: [string, ValType][];
  body: string;
}

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

/** Signed LEB128 of an integer (BigInt for the 64-bit constants). */
function sleb(value: number | bigint): Bytes {
  let v = BigInt(value);
  const out: Bytes = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];
const name = (s: string): Bytes => vec([...s].map((ch) => [ch.charCodeAt(0)]));
const TYPE: Record<ValType, number> = { i32: 0x7f, i64: 0x7e, f64: 0x7c, v128: 0x7b };

const simd = (op: number): Bytes => [0xfd, ...uleb(op)];

/** Instructions without immediates. */
const PLAIN: Record<string, Bytes> = {
  else: [0x05],
  end: [0x0b],
  return: [0x0f],
  drop: [0x1a],
  "i32.eqz": [0x45],
  "i32.eq": [0x46],
  "i32.ne": [0x47],
  "i32.lt_s": [0x48],
  "i32.lt_u": [0x49],
  "i32.gt_s": [0x4a],
  "i32.gt_u": [0x4b],
  "i32.ge_s": [0x4e],
  "i32.add": [0x6a],
  "i32.sub": [0x6b],
  "i32.mul": [0x6c],
  "i32.and": [0x71],
  "i32.or": [0x72],
  "i32.xor": [0x73],
  "i32.shl": [0x74],
  "i32.shr_s": [0x75],
  "i32.shr_u": [0x76],
  "i32.rotl": [0x77],
  "f64.add": [0xa0],
  "f64.sub": [0xa1],
  "f64.mul": [0xa2],
  "f64.div": [0xa3],
  "f64.convert_i32_u": [0xb8],
  "i64x2.splat": simd(0x12),
  "f64x2.splat": simd(0x14),
  "f64x2.eq": simd(0x47),
  "f64x2.ne": simd(0x48),
  "f64x2.lt": simd(0x49),
  "f64x2.gt": simd(0x4a),
  "f64x2.le": simd(0x4b),
  "f64x2.ge": simd(0x4c),
  "v128.not": simd(0x4d),
  "v128.and": simd(0x4e),
  "v128.andnot": simd(0x4f),
  "v128.or": simd(0x50),
  "v128.xor": simd(0x51),
  "v128.bitselect": simd(0x52),
  "v128.any_true": simd(0x53),
  "f64x2.trunc": simd(0x7a),
  "i64x2.shl": simd(0xcb),
  "i64x2.shr_s": simd(0xcc),
  "i64x2.shr_u": simd(0xcd),
  "i64x2.add": simd(0xce),
  "i64x2.sub": simd(0xd1),
  "i64x2.eq": simd(0xd6),
  "i64x2.lt_s": simd(0xd8),
  "i64x2.gt_s": simd(0xd9),
  "i64x2.le_s": simd(0xda),
  "i64x2.ge_s": simd(0xdb),
  "f64x2.abs": simd(0xec),
  "f64x2.neg": simd(0xed),
  "f64x2.sqrt": simd(0xef),
  "f64x2.add": simd(0xf0),
  "f64x2.sub": simd(0xf1),
  "f64x2.mul": simd(0xf2),
  "f64x2.div": simd(0xf3),
};

/** Memory instructions: [opcode bytes, natural alignment (log2)]. */
const MEMORY: Record<string, [Bytes, number]> = {
  "i32.load": [[0x28], 2],
  "f64.load": [[0x2b], 3],
  "i32.store": [[0x36], 2],
  "f64.store": [[0x39], 3],
  "v128.load": [simd(0x00), 4],
  "v128.load64_splat": [simd(0x0a), 3],
  "v128.store": [simd(0x0b), 4],
};

/** Lane instructions: the opcode, followed by a lane index. */
const LANE: Record<string, Bytes> = {
  "f64x2.extract_lane": simd(0x21),
  "f64x2.replace_lane": simd(0x22),
};

const F64 = new Float64Array(1);
const U8 = new Uint8Array(F64.buffer);
const f64Bytes = (v: number): Bytes => {
  F64[0] = v;
  return [...U8];
};
const i64Bytes = (v: bigint): Bytes => {
  const out: Bytes = [];
  for (let i = 0; i < 8; i++) out.push(Number((BigInt.asUintN(64, v) >> BigInt(8 * i)) & 0xffn));
  return out;
};

/** Assembles one function body into its code-section entry; `funcIndex` resolves `call $name`. */
function assembleFunc(f: Func, funcIndex: Map<string, number>): Bytes {
  const index = new Map<string, number>();
  for (const [p] of f.params) index.set(p, index.size);
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
    if (!/^-?(\d+|0x[0-9a-f]+)$/i.test(tok)) throw new Error(`${f.name}: expected an integer, got ${tok}`);
    return tok;
  };
  const num = () => {
    const tok = next();
    const v = Number(tok);
    if (Number.isNaN(v) && tok !== "NaN") throw new Error(`${f.name}: expected a number, got ${tok}`);
    return v;
  };
  const code: Bytes = [];
  while (t < tokens.length) {
    const ins = next();
    if (ins === "block" || ins === "loop" || ins === "if") code.push({ block: 0x02, loop: 0x03, if: 0x04 }[ins], 0x40);
    else if (ins === "br" || ins === "br_if") code.push(ins === "br" ? 0x0c : 0x0d, ...uleb(Number(int())));
    else if (ins === "call") {
      const target = next();
      const i = funcIndex.get(target);
      if (i === undefined) throw new Error(`${f.name}: unknown function ${target}`);
      code.push(0x10, ...uleb(i));
    } else if (ins === "local.get" || ins === "local.set" || ins === "local.tee") {
      const v = next();
      const i = index.get(v);
      if (i === undefined) throw new Error(`${f.name}: unknown local ${v}`);
      code.push({ "local.get": 0x20, "local.set": 0x21, "local.tee": 0x22 }[ins], ...uleb(i));
    } else if (ins === "i32.const") code.push(0x41, ...sleb(BigInt.asIntN(32, BigInt(int()))));
    else if (ins === "i64.const") code.push(0x42, ...sleb(BigInt.asIntN(64, BigInt(int()))));
    else if (ins === "f64.const") code.push(0x44, ...f64Bytes(num()));
    else if (ins === "v128.const") {
      const shape = next();
      if (shape === "f64x2") code.push(...simd(0x0c), ...f64Bytes(num()), ...f64Bytes(num()));
      else if (shape === "i64x2") code.push(...simd(0x0c), ...i64Bytes(BigInt(int())), ...i64Bytes(BigInt(int())));
      else throw new Error(`${f.name}: v128.const takes f64x2 or i64x2, got ${shape}`);
    } else if (ins === "i8x16.shuffle") code.push(...simd(0x0d), ...Array.from({ length: 16 }, () => Number(int())));
    else if (ins in LANE) code.push(...(LANE[ins] as Bytes), Number(int()));
    else if (ins in MEMORY) {
      const [opcode, align] = MEMORY[ins] as [Bytes, number];
      let offset = 0;
      if (tokens[t]?.startsWith("offset=")) offset = Number(next().slice(7));
      code.push(...opcode, align, ...uleb(offset));
    } else if (ins in PLAIN) code.push(...(PLAIN[ins] as Bytes));
    else throw new Error(`${f.name}: unknown instruction ${ins}`);
  }
  // locals: runs of equal type
  const runs: [number, number][] = [];
  for (const [, ty] of f.locals) {
    const last = runs[runs.length - 1];
    if (last && last[1] === TYPE[ty]) last[0] += 1;
    else runs.push([1, TYPE[ty]]);
  }
  const body = [...vec(runs.map(([n, ty]) => [...uleb(n), ty])), ...code, 0x0b];
  return [...uleb(body.length), ...body];
}

/** The whole module: the functions (all exported, no results) and one exported memory `mem`. */
export function assemble(funcs: Func[]): Uint8Array<ArrayBuffer> {
  const signature = (f: Func) => f.params.map(([, ty]) => ty).join(",");
  const signatures = [...new Set(funcs.map(signature))];
  const types = signatures.map((s) => [
    0x60,
    ...vec(s === "" ? [] : s.split(",").map((ty) => [TYPE[ty as ValType]])),
    ...vec([]),
  ]);
  const funcIndex = new Map(funcs.map((f, i) => [f.name, i]));
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], // "\0asm", version 1
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((f) => uleb(signatures.indexOf(signature(f)))))),
    ...section(5, vec([[0x00, 1]])), // memory: min 1 page, no max
    ...section(7, vec([...funcs.map((f, i) => [...name(f.name), 0x00, i]), [...name("mem"), 0x02, 0]])),
    ...section(10, vec(funcs.map((f) => assembleFunc(f, funcIndex)))),
  ]);
}

/** Instantiates an assembled module, or null where WebAssembly (or an instruction it uses, e.g. SIMD) is unavailable. */
export function instantiate(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Exports | null {
  try {
    if (typeof WebAssembly !== "object" || typeof WebAssembly.validate !== "function") return null;
    if (!WebAssembly.validate(bytes)) return null;
    return new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
  } catch {
    return null;
  }
}
