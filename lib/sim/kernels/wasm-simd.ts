/**
 * The WebAssembly SIMD (f64x2) kernel, assembled into module bytes at load time.
 *
 * No build step and no committed binary: the three functions below are written in WebAssembly
 * text-format instructions (a small subset of WAT, flat — no folded expressions), and
 * wasm-assembler.ts turns them into a binary module. The module
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

import { assemble, type Func, instantiate } from "./wasm-assembler";

/** Rows of C per register tile. */
export const WASM_MR = 4;
/** Columns of C per register tile (two f64x2 vectors). */
export const WASM_NR = 4;

// ---- the kernels, in WebAssembly text instructions --------------------------------------------

const i32s = (names: string[]): [string, "i32"][] => names.map((n) => [n, "i32"]);

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
    params: i32s(["$ap", "$bp", "$cp", "$ldc", "$kc", "$init", "$tilesM", "$tilesN"]),
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
  params: i32s(["$src", "$ldb", "$dst", "$kc", "$panels"]),
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
  params: i32s(["$src", "$ldb", "$dst", "$kc", "$panels"]),
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
  const exports = instantiate(emitGemmModule(MR, NRV));
  if (!exports) return null;
  const ex = exports as unknown as Omit<WasmKernel, "memory" | "MR" | "NR"> & { mem: WebAssembly.Memory };
  return { memory: ex.mem, block: ex.block, packCols: ex.packCols, packRows: ex.packRows, MR, NR: 2 * NRV };
}
