// jpeg_dct: reads the quantized DCT coefficients of a JPEG with libjpeg-turbo's jpeg_read_coefficients.
//
// readDctCoefficients(bytes: Uint8Array, maxCoefficientBytes: number, maxScans: number)
//   -> { width, height, progressive, warnings: string[], components: [{ id, h, v, widthInBlocks,
//        heightInBlocks, blocksWide, blocksHigh, quantTable: Uint16Array(64), coefficients: Int16Array }] }
//
// The TypeScript twin is native/engine/forensics/jpeg-dct/decoder.ts; both must agree bit for bit (see
// parity.test.ts). Errors never abort the process: libjpeg's error_exit is replaced by a longjmp back
// to the phase that called libjpeg, which returns false; the C++ wrapper then throws a JS Error.
//
// longjmp safety: every setjmp lives in a small C-style phase function whose frame holds only plain data,
// and no C++ object with a destructor is alive between the setjmp and any libjpeg call it guards.
#include <napi.h>

#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include <jpeglib.h>
}

namespace {

// Same value as MAX_WARNINGS in native/engine/forensics/jpeg-dct/types.ts: enough to see what went
// wrong in a damaged file without letting a hostile one (a warning per block) fill memory.
constexpr size_t kMaxWarnings = 32;

// Number of blocks stored for a component along one axis: libjpeg pads its coefficient arrays to a whole
// number of MCUs, i.e. width_in_blocks rounded up to a multiple of the sampling factor (jdcoefct.c).
JDIMENSION PaddedBlocks(JDIMENSION blocks, int factor) {
  return static_cast<JDIMENSION>((blocks + factor - 1) / factor * factor);
}

struct ErrorManager {
  jpeg_error_mgr pub;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
  std::vector<std::string>* warnings;  // owned by the Session, never destroyed while libjpeg runs
  int maxScans;
};

void OnErrorExit(j_common_ptr cinfo) {
  ErrorManager* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  longjmp(err->jump, 1);
}

void OnEmitMessage(j_common_ptr cinfo, int msg_level) {
  if (msg_level >= 0) return;  // trace messages: not wanted
  ErrorManager* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  cinfo->err->num_warnings++;
  char text[JMSG_LENGTH_MAX];
  (*cinfo->err->format_message)(cinfo, text);
  std::vector<std::string>& list = *err->warnings;
  for (const std::string& seen : list) {
    if (seen == text) return;
  }
  if (list.size() < kMaxWarnings) list.emplace_back(text);
}

// Called by jpeg_read_coefficients before each unit of input; refuses files with too many scans
// (the same bound the TypeScript decoder applies, checked at the same point: after a scan header).
void OnProgress(j_common_ptr cinfo) {
  j_decompress_ptr dinfo = reinterpret_cast<j_decompress_ptr>(cinfo);
  ErrorManager* err = reinterpret_cast<ErrorManager*>(cinfo->err);
  if (dinfo->input_scan_number > err->maxScans) {
    snprintf(err->message, sizeof(err->message), "Scan number %d exceeds maximum scans (%d)",
             dinfo->input_scan_number, err->maxScans);
    longjmp(err->jump, 1);
  }
}

struct Session {
  jpeg_decompress_struct cinfo;
  ErrorManager err;
  jpeg_progress_mgr progress;
  std::vector<std::string> warnings;
  jvirt_barray_ptr* arrays = nullptr;
  bool created = false;

  ~Session() {
    if (created) jpeg_destroy_decompress(&cinfo);
  }
};

// Phase 1: header, limits, then the whole coefficient read. Returns false with err.message set.
bool ReadAll(Session* s, const unsigned char* data, unsigned long size, double maxBytes) {
  s->cinfo.err = jpeg_std_error(&s->err.pub);
  s->err.pub.error_exit = OnErrorExit;
  s->err.pub.emit_message = OnEmitMessage;
  s->err.warnings = &s->warnings;
  if (setjmp(s->err.jump)) return false;
  jpeg_create_decompress(&s->cinfo);
  s->created = true;
  // Backstop only: the explicit size check below is what refuses large images, with a clear message.
  s->cinfo.mem->max_memory_to_use = static_cast<long>(maxBytes) + (64L << 20);
  s->progress.progress_monitor = OnProgress;
  s->cinfo.progress = &s->progress;
  jpeg_mem_src(&s->cinfo, data, size);
  jpeg_read_header(&s->cinfo, TRUE);
  if (s->cinfo.arith_code) {
    snprintf(s->err.message, sizeof(s->err.message),
             "Arithmetic-coded JPEG is not supported by the coefficient reader");
    return false;
  }
  double needed = 0;
  for (int ci = 0; ci < s->cinfo.num_components; ci++) {
    const jpeg_component_info& c = s->cinfo.comp_info[ci];
    const double wide = static_cast<double>(PaddedBlocks(c.width_in_blocks, c.h_samp_factor));
    const double high = static_cast<double>(PaddedBlocks(c.height_in_blocks, c.v_samp_factor));
    needed += wide * high * DCTSIZE2 * sizeof(JCOEF);
  }
  if (needed > maxBytes) {
    snprintf(s->err.message, sizeof(s->err.message),
             "Coefficient arrays would need %.0f bytes, over the limit of %.0f bytes", needed, maxBytes);
    return false;
  }
  s->arrays = jpeg_read_coefficients(&s->cinfo);
  return s->arrays != nullptr;
}

// Phase 2: copy one component's virtual array, row by row, into a JS-owned buffer.
bool CopyComponent(Session* s, int ci, JCOEF* out, JDIMENSION wide, JDIMENSION high) {
  if (setjmp(s->err.jump)) return false;
  const size_t rowCoefficients = static_cast<size_t>(wide) * DCTSIZE2;
  for (JDIMENSION row = 0; row < high; row++) {
    JBLOCKARRAY rows = (*s->cinfo.mem->access_virt_barray)(
        reinterpret_cast<j_common_ptr>(&s->cinfo), s->arrays[ci], row, 1, FALSE);
    std::memcpy(out + row * rowCoefficients, rows[0], rowCoefficients * sizeof(JCOEF));
  }
  return true;
}

Napi::Value ReadDctCoefficients(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsTypedArray() || !info[1].IsNumber() || !info[2].IsNumber()) {
    Napi::TypeError::New(env, "readDctCoefficients(bytes: Uint8Array, maxCoefficientBytes, maxScans)")
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::TypedArray typed = info[0].As<Napi::TypedArray>();
  if (typed.TypedArrayType() != napi_uint8_array) {
    Napi::TypeError::New(env, "bytes must be a Uint8Array").ThrowAsJavaScriptException();
    return env.Undefined();
  }
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  const double maxBytes = info[1].As<Napi::Number>().DoubleValue();
  Session s;
  s.err.maxScans = info[2].As<Napi::Number>().Int32Value();
  if (!ReadAll(&s, bytes.Data(), static_cast<unsigned long>(bytes.ByteLength()), maxBytes)) {
    Napi::Error::New(env, std::string("Cannot read JPEG DCT coefficients: ") + s.err.message)
        .ThrowAsJavaScriptException();
    return env.Undefined();
  }

  Napi::Array components = Napi::Array::New(env, s.cinfo.num_components);
  for (int ci = 0; ci < s.cinfo.num_components; ci++) {
    const jpeg_component_info& c = s.cinfo.comp_info[ci];
    const JDIMENSION wide = PaddedBlocks(c.width_in_blocks, c.h_samp_factor);
    const JDIMENSION high = PaddedBlocks(c.height_in_blocks, c.v_samp_factor);
    Napi::Int16Array coefficients = Napi::Int16Array::New(env, static_cast<size_t>(wide) * high * DCTSIZE2);
    if (!CopyComponent(&s, ci, coefficients.Data(), wide, high)) {
      Napi::Error::New(env, std::string("Cannot read JPEG DCT coefficients: ") + s.err.message)
          .ThrowAsJavaScriptException();
      return env.Undefined();
    }
    // The table latched at the component's first scan; a component that never appeared in a scan has
    // none, so report the slot's current table (zeros if the slot was never defined), as the TS twin does.
    const JQUANT_TBL* table = c.quant_table;
    if (table == nullptr && c.quant_tbl_no >= 0 && c.quant_tbl_no < NUM_QUANT_TBLS) {
      table = s.cinfo.quant_tbl_ptrs[c.quant_tbl_no];
    }
    Napi::Uint16Array quant = Napi::Uint16Array::New(env, DCTSIZE2);
    for (int k = 0; k < DCTSIZE2; k++) quant[k] = table ? table->quantval[k] : 0;

    Napi::Object component = Napi::Object::New(env);
    component.Set("id", c.component_id);
    component.Set("h", c.h_samp_factor);
    component.Set("v", c.v_samp_factor);
    component.Set("widthInBlocks", static_cast<double>(c.width_in_blocks));
    component.Set("heightInBlocks", static_cast<double>(c.height_in_blocks));
    component.Set("blocksWide", static_cast<double>(wide));
    component.Set("blocksHigh", static_cast<double>(high));
    component.Set("quantTable", quant);
    component.Set("coefficients", coefficients);
    components.Set(static_cast<uint32_t>(ci), component);
  }

  Napi::Array warnings = Napi::Array::New(env, s.warnings.size());
  for (size_t i = 0; i < s.warnings.size(); i++) warnings.Set(static_cast<uint32_t>(i), s.warnings[i]);

  Napi::Object result = Napi::Object::New(env);
  result.Set("width", static_cast<double>(s.cinfo.image_width));
  result.Set("height", static_cast<double>(s.cinfo.image_height));
  result.Set("progressive", Napi::Boolean::New(env, s.cinfo.progressive_mode != 0));
  result.Set("components", components);
  result.Set("warnings", warnings);
  return result;
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("readDctCoefficients", Napi::Function::New(env, ReadDctCoefficients));
  exports.Set("libjpegVersion", Napi::Number::New(env, JPEG_LIB_VERSION));
  return exports;
}

}  // namespace

NODE_API_MODULE(jpeg_dct, Init)
