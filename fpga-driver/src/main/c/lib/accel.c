/* SPDX-License-Identifier: Apache-2.0 */
/* accel.c - behavioural accelerator model (see tn_accel.h). */
#include <stdio.h>
#include <string.h>

#include "tn_accel.h"
#include "tn_internal.h"
#include "tn_regs.h"

static uint64_t window(uint64_t size)
{
    uint64_t need = size > 4096 ? size : 4096, w = 1;
    while (w < need) w <<= 1;
    return w;
}

static uint32_t ceil_div(uint32_t a, uint32_t b) { return (a + b - 1) / b; }

static int is_pow2(uint32_t v) { return v != 0 && (v & (v - 1)) == 0; }

int tn_accel_config_parse(tn_accel_config *cfg, const char *opts, char *err, unsigned errlen)
{
    memset(cfg, 0, sizeof *cfg);
    *cfg = (tn_accel_config){.pe = 16, .simd = 32, .acc_width = 24, .act_width = 8, .max_inputs = 1024,
                             .max_outputs = 1024, .max_layers = 16, .param_words = 1024, .bias_words = 256,
                             .in_words = 1024, .out_words = 256, .clock_mhz = 200};
    struct { const char *key; uint32_t *dst; uint64_t min, max; } u32s[] = {
        {"pe", &cfg->pe, 1, 128}, {"simd", &cfg->simd, 4, 128}, {"acc", &cfg->acc_width, 16, 32},
        {"max_inputs", &cfg->max_inputs, 1, 65535}, {"max_outputs", &cfg->max_outputs, 1, 65535},
        {"max_layers", &cfg->max_layers, 1, 256}, {"param_words", &cfg->param_words, 1, 1u << 24},
        {"bias_words", &cfg->bias_words, 1, 1u << 24}, {"in_words", &cfg->in_words, 1, 1u << 24},
        {"out_words", &cfg->out_words, 1, 1u << 24}, {"clock_mhz", &cfg->clock_mhz, 1, 1000},
        {"hash", &cfg->manifest_hash, 0, UINT32_MAX},
    };
    for (unsigned i = 0; i < sizeof u32s / sizeof u32s[0]; i++) {
        uint64_t v = 0;
        int r = tn_opt_u64(opts, u32s[i].key, &v);
        if (r < 0 || (r > 0 && (v < u32s[i].min || v > u32s[i].max))) {
            snprintf(err, errlen, "mock option %s must lie in [%llu, %llu]", u32s[i].key,
                     (unsigned long long)u32s[i].min, (unsigned long long)u32s[i].max);
            return TN_EURI;
        }
        if (r > 0) *u32s[i].dst = (uint32_t)v;
    }
    if (!is_pow2(cfg->pe) || !is_pow2(cfg->simd) || cfg->pe > cfg->simd) {
        snprintf(err, errlen, "mock: pe and simd must be powers of two with pe <= simd");
        return TN_EURI;
    }
    /* Same placement as MemoryMap.of: power-of-two windows, largest first, ties in region order. */
    uint64_t size[TN_RGN_COUNT] = {
        (uint64_t)TN_DESC_BYTES * cfg->max_layers,
        (uint64_t)cfg->pe * cfg->simd * cfg->param_words,
        (uint64_t)cfg->pe * cfg->simd / 4 * cfg->param_words,
        (uint64_t)cfg->pe * 4 * cfg->bias_words,
        (uint64_t)cfg->simd * cfg->in_words,
        (uint64_t)cfg->simd * cfg->out_words,
    };
    int order[TN_RGN_COUNT];
    for (int r = 0; r < TN_RGN_COUNT; r++) order[r] = r;
    for (int a = 1; a < TN_RGN_COUNT; a++) { /* stable insertion sort, descending window */
        int k = order[a], b = a;
        while (b > 0 && window(size[order[b - 1]]) < window(size[k])) {
            order[b] = order[b - 1];
            b--;
        }
        order[b] = k;
    }
    uint64_t next = 0;
    for (int i = 0; i < TN_RGN_COUNT; i++) {
        int r = order[i];
        cfg->base[r] = next;
        cfg->size[r] = size[r];
        next += window(size[r]);
    }
    if (next > (1ull << 32)) {
        snprintf(err, errlen, "mock: memory map needs more than 32 address bits");
        return TN_EURI;
    }
    return TN_OK;
}

uint32_t tn_accel_reg_read(const tn_accel_config *cfg, tn_accel_state *st, uint32_t offset)
{
    if (offset >= TN_REG_DESC_BASE && offset < TN_REG_DESC_BASE + 8u * TN_RGN_COUNT) {
        uint32_t k = (offset - TN_REG_DESC_BASE) / 4;
        return (uint32_t)(k % 2 == 0 ? cfg->base[k / 2] : cfg->size[k / 2]);
    }
    switch (offset) {
    case TN_REG_CTRL: {
        uint32_t v = (st->ctrl_done ? TN_CTRL_DONE : 0) | (st->ctrl_idle ? TN_CTRL_IDLE | TN_CTRL_READY : 0);
        st->ctrl_done = 0; /* ap_done clears on read */
        return v;
    }
    case TN_REG_GIE: return st->gie;
    case TN_REG_IER: return st->ier;
    case TN_REG_ISR: return st->isr;
    case TN_REG_ID: return TN_ACCEL_ID;
    case TN_REG_VERSION: return TN_ACCEL_VERSION_MAJOR << 16;
    case TN_REG_CAPS:
        return cfg->pe | cfg->simd << 8 | TN_CAPS_THRESHOLD_DENSE | (cfg->acc_width - 16u) << 20 | cfg->act_width << 24;
    case TN_REG_MANIFEST_HASH: return cfg->manifest_hash;
    case TN_REG_ERROR: return st->error;
    case TN_REG_NUM_LAYERS: return st->num_layers;
    case TN_REG_BATCH: return st->batch;
    case TN_REG_ERROR_INFO: return st->error_info;
    case TN_REG_CYCLES_LO: return (uint32_t)st->cycles;
    case TN_REG_CYCLES_HI: return (uint32_t)(st->cycles >> 32);
    case TN_REG_OPS_LO: return (uint32_t)st->ops;
    case TN_REG_OPS_HI: return (uint32_t)(st->ops >> 32);
    case TN_REG_MAX_INPUTS: return cfg->max_inputs;
    case TN_REG_MAX_OUTPUTS: return cfg->max_outputs;
    case TN_REG_MAX_LAYERS: return cfg->max_layers;
    case TN_REG_CLOCK_MHZ: return cfg->clock_mhz;
    default: return 0;
    }
}

void tn_accel_reg_write(const tn_accel_config *cfg, tn_accel_state *st, uint32_t offset, uint32_t value, int *start)
{
    (void)cfg;
    *start = 0;
    switch (offset) {
    case TN_REG_CTRL:
        if ((value & TN_CTRL_START) && st->ctrl_idle) {
            st->ctrl_idle = 0;
            *start = 1;
        }
        break;
    case TN_REG_GIE: st->gie = value & 1u; break;
    case TN_REG_IER: st->ier = value & 3u; break;
    case TN_REG_ISR: st->isr ^= value & 3u; break;      /* toggle on write */
    case TN_REG_ERROR: st->error &= ~value; break;       /* write 1s to clear */
    case TN_REG_NUM_LAYERS: st->num_layers = value; break;
    case TN_REG_BATCH: st->batch = value; break;
    default: break;
    }
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int8_t sat8(int64_t v) { return (int8_t)(v < -128 ? -128 : v > 127 ? 127 : v); }

/* The reference requantization: multiply by 2^scale_exp, right shifts round half up, saturate. */
static int8_t requantize(int64_t acc, int32_t scale_exp)
{
    if (scale_exp >= 0) {
        if (scale_exp > 31) return acc == 0 ? 0 : acc > 0 ? 127 : -128;
        return sat8(acc * ((int64_t)1 << scale_exp));
    }
    int r = -scale_exp;
    if (r > 62) return 0;
    return sat8((acc + ((int64_t)1 << (r - 1))) >> r);
}

static void finish(tn_accel_state *st, uint32_t error, uint32_t layer, uint32_t sample, uint64_t cycles, uint64_t ops)
{
    st->error = error;
    st->error_info = error != 0 ? (layer & 0xFFFFu) | sample << 16 : 0;
    st->cycles = cycles;
    st->ops = ops;
    st->ctrl_done = 1;
    st->ctrl_idle = 1;
    if (st->ier & TN_IRQ_DONE) st->isr |= TN_IRQ_DONE;
}

/* Sign code of lane `lane` in a SGN word: 00 = 0, 01 = +1, 11 = -1 (10 unused, read as 0). */
static int sign_of(const uint8_t *word, uint32_t lane)
{
    uint32_t code = (word[lane / 4] >> (2 * (lane % 4))) & 3u;
    return code == 1 ? 1 : code == 3 ? -1 : 0;
}

#define TN_MAX_ACT 65536u

/* Cycle constants of the generated sequencer, from the generator's header (CycleModel, exact for the RTL). */
#define TN_LAYER_OVERHEAD TN_CYCLE_LAYER_OVERHEAD
#define TN_PIPELINE_FIXED TN_CYCLE_PIPELINE_FIXED
#define TN_RUN_OVERHEAD TN_CYCLE_RUN_OVERHEAD

static uint32_t log2u(uint32_t v)
{
    uint32_t r = 0;
    while (v > 1) {
        v >>= 1;
        r++;
    }
    return r;
}

void tn_accel_execute(const tn_accel_config *cfg, tn_accel_state *st, tn_accel_mem_fn mem, void *user)
{
    static _Thread_local int8_t act[2][TN_MAX_ACT];
    const uint32_t pe = cfg->pe, simd = cfg->simd;
    const uint64_t thr_word = (uint64_t)pe * simd, sgn_word = thr_word / 4, bias_word = 4ull * pe;
    uint32_t nl = st->num_layers, batch = st->batch;
    if (nl == 0 || nl > cfg->max_layers || batch == 0) {
        finish(st, TN_ERR_BAD_BATCH, 0, 0, TN_RUN_OVERHEAD, 0);
        return;
    }
    const uint8_t *desc = mem(user, cfg->base[TN_RGN_DESC], (uint64_t)nl * TN_DESC_BYTES);
    if (desc == NULL) {
        finish(st, TN_ERR_OUT_OF_RANGE, 0, 0, TN_RUN_OVERHEAD, 0);
        return;
    }
    /* Validate every descriptor before touching data; codes and precedence as docs/hardware.md. */
    uint32_t prev_out = 0, in0 = 0, out_last = 0;
    uint64_t ops_per_sample = 0, cycles_per_sample = 0;
    for (uint32_t l = 0; l < nl; l++) {
        const uint8_t *d = desc + l * TN_DESC_BYTES;
        uint32_t w0 = rd32(d), nin = rd32(d + 4), nout = rd32(d + 8);
        int32_t se = (int32_t)rd32(d + 12);
        uint64_t thr = rd32(d + 16), sgn = rd32(d + 20), bias = rd32(d + 24);
        if (w0 != TN_DESC_KIND_THRESHOLD_DENSE || se < -31 || se > 31 || thr % thr_word != 0
            || sgn % sgn_word != 0 || bias % bias_word != 0) {
            finish(st, TN_ERR_BAD_DESCRIPTOR, l, 0, TN_RUN_OVERHEAD, 0);
            return;
        }
        if (nin == 0 || nout == 0 || nin > cfg->max_inputs || nout > cfg->max_outputs || nin > TN_MAX_ACT
            || nout > TN_MAX_ACT) {
            finish(st, TN_ERR_LAYER_TOO_LARGE, l, 0, TN_RUN_OVERHEAD, 0);
            return;
        }
        uint64_t words = (uint64_t)ceil_div(nout, pe) * ceil_div(nin, simd);
        if (thr + words * thr_word > cfg->size[TN_RGN_THR] || sgn + words * sgn_word > cfg->size[TN_RGN_SGN]
            || bias + ceil_div(nout, pe) * bias_word > cfg->size[TN_RGN_BIAS]) {
            finish(st, TN_ERR_OUT_OF_RANGE, l, 0, TN_RUN_OVERHEAD, 0);
            return;
        }
        if (l > 0 && nin != prev_out) {
            finish(st, TN_ERR_BAD_CHAIN, l, 0, TN_RUN_OVERHEAD, 0);
            return;
        }
        if (l == 0) in0 = nin;
        prev_out = out_last = nout;
        ops_per_sample += (uint64_t)nin * nout;
        cycles_per_sample += TN_LAYER_OVERHEAD + words + log2u(simd) + TN_PIPELINE_FIXED;
    }
    uint64_t in_stride = (uint64_t)ceil_div(in0, simd) * simd, out_stride = (uint64_t)ceil_div(out_last, simd) * simd;
    if (in_stride * batch > cfg->size[TN_RGN_IN] || out_stride * batch > cfg->size[TN_RGN_OUT]) {
        uint64_t fit_in = cfg->size[TN_RGN_IN] / in_stride, fit_out = cfg->size[TN_RGN_OUT] / out_stride;
        finish(st, TN_ERR_OUT_OF_RANGE, 0, (uint32_t)(fit_in < fit_out ? fit_in : fit_out), TN_RUN_OVERHEAD, 0);
        return;
    }
    /* Overflow saturates the accumulator and the run continues; the first one is reported. */
    const int64_t acc_max = ((int64_t)1 << (cfg->acc_width - 1)) - 1, acc_min = -acc_max - 1;
    uint32_t error = TN_ERR_NONE, err_layer = 0, err_sample = 0;
    for (uint32_t b = 0; b < batch; b++) {
        memcpy(act[0], mem(user, cfg->base[TN_RGN_IN] + b * in_stride, in0), in0);
        int cur = 0;
        for (uint32_t l = 0; l < nl; l++) {
            const uint8_t *d = desc + l * TN_DESC_BYTES;
            uint32_t nin = rd32(d + 4), nout = rd32(d + 8), chunks = ceil_div(nin, simd);
            int32_t se = (int32_t)rd32(d + 12);
            uint64_t groups = ceil_div(nout, pe), words = groups * chunks;
            const uint8_t *thr = mem(user, cfg->base[TN_RGN_THR] + rd32(d + 16), words * thr_word);
            const uint8_t *sgn = mem(user, cfg->base[TN_RGN_SGN] + rd32(d + 20), words * sgn_word);
            const uint8_t *bias = mem(user, cfg->base[TN_RGN_BIAS] + rd32(d + 24), groups * bias_word);
            const int8_t *x = act[cur];
            int8_t *y = act[cur ^ 1];
            for (uint32_t j = 0; j < nout; j++) {
                uint32_t g = j / pe, p = j % pe;
                int64_t acc = (int32_t)rd32(bias + g * bias_word + 4ull * p);
                for (uint32_t c = 0; c < chunks; c++) {
                    uint64_t w = (uint64_t)g * chunks + c;
                    const int8_t *tw = (const int8_t *)thr + w * thr_word;
                    const uint8_t *sw = sgn + w * sgn_word;
                    for (uint32_t s = 0; s < simd && c * simd + s < nin; s++) {
                        uint32_t lane = p * simd + s;
                        int32_t diff = (int32_t)x[c * simd + s] - tw[lane];
                        acc += sign_of(sw, lane) * (diff > 0 ? diff : 0);
                    }
                }
                if (acc > acc_max || acc < acc_min) {
                    if (error == TN_ERR_NONE) {
                        error = TN_ERR_ACC_OVERFLOW;
                        err_layer = l;
                        err_sample = b;
                    }
                    acc = acc > acc_max ? acc_max : acc_min;
                }
                y[j] = requantize(acc, se);
            }
            cur ^= 1;
        }
        uint8_t *out = mem(user, cfg->base[TN_RGN_OUT] + b * out_stride, out_stride);
        memset(out, 0, out_stride);
        memcpy(out, act[cur], out_last);
    }
    finish(st, error, err_layer, err_sample, TN_RUN_OVERHEAD + cycles_per_sample * batch, ops_per_sample * batch);
}
