// N-API wrapper over hnswlib's HierarchicalNSW (inner-product space) for native/vector/hnsw-index.ts.
//
// Why our own addon instead of hnswlib-node: hnswlib-node reads every vector element through
// napi_get_element (~25 us per 384-d query) and adds/searches one point per call on one thread.
// Here vectors arrive as Float32Array / Uint32Array (read in place, no copy), batches of adds and
// searches run on N std::threads, and the results are written into caller-owned typed arrays.
//
// The space is always hnswlib's InnerProductSpace; with normalise=true ('cosine') every vector is
// L2-normalised here before it is stored or searched, exactly as hnswlib-node's 'cosine' space
// did, so index files written through hnswlib-node load unchanged (same on-disk format).
#include <napi.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hnswlib.h"

namespace {

using Hnsw = hnswlib::HierarchicalNSW<float>;

// Divides by the norm (no epsilon): bit-identical to hnswlib-node's normalizePoint.
void NormaliseInto(const float* src, float* dst, size_t dim) {
  float sum = 0.0f;
  for (size_t i = 0; i < dim; i++) sum += src[i] * src[i];
  const float norm = std::sqrt(std::fabs(sum));
  if (norm > 0.0f) {
    for (size_t i = 0; i < dim; i++) dst[i] = src[i] / norm;
  } else {
    std::copy(src, src + dim, dst);
  }
}

// Runs fn(item, thread) for item in [0, n) on up to `threads` threads (the calling thread is one
// of them). Items are handed out one at a time: an HNSW insert or search is long enough (tens of
// microseconds or more) that the atomic counter costs nothing, and uneven items balance. The first
// exception stops the others and is rethrown on the calling thread.
template <typename Fn>
void ParallelFor(size_t n, size_t threads, Fn fn) {
  threads = std::max<size_t>(1, std::min(threads, n));
  if (threads == 1) {
    for (size_t i = 0; i < n; i++) fn(i, 0);
    return;
  }
  std::atomic<size_t> next(0);
  std::atomic<bool> failed(false);
  std::exception_ptr error;
  std::mutex errorLock;
  auto work = [&](size_t t) {
    try {
      for (size_t i = next++; i < n && !failed.load(std::memory_order_relaxed); i = next++) fn(i, t);
    } catch (...) {
      std::lock_guard<std::mutex> guard(errorLock);
      if (!error) error = std::current_exception();
      failed = true;
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; t++) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  if (error) std::rethrow_exception(error);
}

// Calls a JS predicate per candidate label. Only usable on the JS thread, so filtered searches
// run single-threaded.
class JsFilter : public hnswlib::BaseFilterFunctor {
 public:
  JsFilter(Napi::Env env, Napi::Function fn) : env_(env), fn_(fn) {}
  bool operator()(hnswlib::labeltype id) override {
    return fn_.Call({Napi::Number::New(env_, static_cast<double>(id))}).ToBoolean().Value();
  }

 private:
  Napi::Env env_;
  Napi::Function fn_;
};

template <typename T, napi_typedarray_type Type>
T* TypedData(const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != Type) {
    throw Napi::TypeError::New(v.Env(), std::string(what) + " has the wrong type");
  }
  return v.As<Napi::TypedArrayOf<T>>().Data();
}

template <typename T, napi_typedarray_type Type>
size_t TypedLength(const Napi::Value& v) {
  return v.As<Napi::TypedArrayOf<T>>().ElementLength();
}

size_t SizeArg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (i >= info.Length() || !info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  const double v = info[i].As<Napi::Number>().DoubleValue();
  if (!(v >= 0) || v != std::floor(v) || v > 9007199254740991.0) {
    throw Napi::RangeError::New(info.Env(), std::string(what) + " must be a non-negative integer");
  }
  return static_cast<size_t>(v);
}

size_t ThreadsArg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length() || info[i].IsUndefined()) return std::max(1u, std::thread::hardware_concurrency());
  return std::max<size_t>(1, SizeArg(info, i, "threads"));
}

class Index : public Napi::ObjectWrap<Index> {
 public:
  static Napi::Function Define(Napi::Env env) {
    return DefineClass(env, "HnswIndex",
                       {
                           InstanceMethod("init", &Index::Init),
                           InstanceMethod("load", &Index::Load),
                           InstanceMethod("save", &Index::Save),
                           InstanceMethod("resize", &Index::Resize),
                           InstanceMethod("setEf", &Index::SetEf),
                           InstanceMethod("addBatch", &Index::AddBatch),
                           InstanceMethod("searchBatch", &Index::SearchBatch),
                           InstanceMethod("markDelete", &Index::MarkDelete),
                           InstanceMethod("unmarkDelete", &Index::UnmarkDelete),
                           InstanceMethod("getMaxElements", &Index::GetMaxElements),
                           InstanceMethod("getCurrentCount", &Index::GetCurrentCount),
                           InstanceMethod("getDeletedCount", &Index::GetDeletedCount),
                       });
  }

  // new HnswIndex(dim, normalise)
  explicit Index(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Index>(info) {
    dim_ = SizeArg(info, 0, "dim");
    if (dim_ == 0) throw Napi::RangeError::New(info.Env(), "dim must be positive");
    normalise_ = info.Length() > 1 && info[1].ToBoolean().Value();
    space_ = std::make_unique<hnswlib::InnerProductSpace>(dim_);
  }

 private:
  Hnsw& Graph(Napi::Env env) {
    if (!index_) throw Napi::Error::New(env, "The HNSW index is not initialised (call init or load first)");
    return *index_;
  }

  // init(maxElements, M, efConstruction, seed, allowReplaceDeleted)
  Napi::Value Init(const Napi::CallbackInfo& info) {
    const size_t maxElements = SizeArg(info, 0, "maxElements");
    const size_t m = SizeArg(info, 1, "M");
    const size_t efc = SizeArg(info, 2, "efConstruction");
    const size_t seed = SizeArg(info, 3, "seed");
    if (m < 2 || m > 10000) throw Napi::RangeError::New(info.Env(), "M must be between 2 and 10000");
    Guard(info.Env(), [&] { index_ = std::make_unique<Hnsw>(space_.get(), maxElements, m, efc, seed, info[4].ToBoolean().Value()); });
    return info.Env().Undefined();
  }

  // load(path, allowReplaceDeleted): hnswlib's own file format (also what hnswlib-node writes).
  Napi::Value Load(const Napi::CallbackInfo& info) {
    const std::string file = info[0].As<Napi::String>().Utf8Value();
    Guard(info.Env(), [&] {
      auto loaded = std::make_unique<Hnsw>(space_.get(), file, false, 0, info[1].ToBoolean().Value());
      // The file records where each element's data and label sit; their distance is the vector size.
      if (loaded->label_offset_ - loaded->offsetData_ != space_->get_data_size()) {
        throw std::runtime_error("the file holds vectors of " + std::to_string((loaded->label_offset_ - loaded->offsetData_) / sizeof(float)) +
                                 " dimensions, expected " + std::to_string(dim_));
      }
      index_ = std::move(loaded);
    });
    return info.Env().Undefined();
  }

  Napi::Value Save(const Napi::CallbackInfo& info) {
    const std::string file = info[0].As<Napi::String>().Utf8Value();
    Hnsw& g = Graph(info.Env());
    Guard(info.Env(), [&] { g.saveIndex(file); });
    return info.Env().Undefined();
  }

  Napi::Value Resize(const Napi::CallbackInfo& info) {
    const size_t n = SizeArg(info, 0, "maxElements");
    Hnsw& g = Graph(info.Env());
    Guard(info.Env(), [&] { g.resizeIndex(n); });
    return info.Env().Undefined();
  }

  Napi::Value SetEf(const Napi::CallbackInfo& info) {
    Graph(info.Env()).setEf(std::max<size_t>(1, SizeArg(info, 0, "ef")));
    return info.Env().Undefined();
  }

  // addBatch(labels: Uint32Array, vectors: Float32Array, replaceDeleted, threads?)
  // Labels must be distinct within one call (hnswlib serialises per label, but a fresh add racing
  // an update of the same label could take two slots); the JS side deduplicates.
  Napi::Value AddBatch(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const uint32_t* labels = TypedData<uint32_t, napi_uint32_array>(info[0], "labels");
    const float* vectors = TypedData<float, napi_float32_array>(info[1], "vectors");
    const size_t n = TypedLength<uint32_t, napi_uint32_array>(info[0]);
    if (TypedLength<float, napi_float32_array>(info[1]) != n * dim_) {
      throw Napi::RangeError::New(env, "vectors must hold labels.length x " + std::to_string(dim_) + " floats");
    }
    const bool replaceDeleted = info[2].ToBoolean().Value();
    const size_t threads = ThreadsArg(info, 3);
    Hnsw& g = Graph(env);
    std::vector<std::vector<float>> scratch(std::max<size_t>(1, std::min(threads, n)), std::vector<float>(dim_));
    Guard(env, [&] {
      ParallelFor(n, threads, [&](size_t i, size_t t) {
        const float* v = vectors + i * dim_;
        if (normalise_) {
          NormaliseInto(v, scratch[t].data(), dim_);
          v = scratch[t].data();
        }
        g.addPoint(v, labels[i], replaceDeleted);
      });
    });
    return env.Undefined();
  }

  // searchBatch(queries, k, stride, outLabels, outScores, outCounts, threads?, filter?)
  // Row q of the outputs starts at q * stride; the caller pre-fills unused slots. Score = 1 - IP
  // distance = dot product (cosine on normalised vectors). A JS filter forces one thread.
  Napi::Value SearchBatch(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    const float* queries = TypedData<float, napi_float32_array>(info[0], "queries");
    const size_t nq = TypedLength<float, napi_float32_array>(info[0]) / dim_;
    if (TypedLength<float, napi_float32_array>(info[0]) != nq * dim_) throw Napi::RangeError::New(env, "queries length is not a multiple of dim");
    const size_t k = SizeArg(info, 1, "k");
    const size_t stride = SizeArg(info, 2, "stride");
    uint32_t* outLabels = TypedData<uint32_t, napi_uint32_array>(info[3], "outLabels");
    float* outScores = TypedData<float, napi_float32_array>(info[4], "outScores");
    uint32_t* outCounts = TypedData<uint32_t, napi_uint32_array>(info[5], "outCounts");
    if (k > stride || TypedLength<uint32_t, napi_uint32_array>(info[3]) < nq * stride ||
        TypedLength<float, napi_float32_array>(info[4]) < nq * stride || TypedLength<uint32_t, napi_uint32_array>(info[5]) < nq) {
      throw Napi::RangeError::New(env, "output arrays are too small for the queries");
    }
    std::unique_ptr<JsFilter> filter;
    size_t threads = ThreadsArg(info, 6);
    if (info.Length() > 7 && info[7].IsFunction()) {
      filter = std::make_unique<JsFilter>(env, info[7].As<Napi::Function>());
      threads = 1;
    }
    Hnsw& g = Graph(env);
    if (k == 0 || nq == 0) return env.Undefined();
    std::vector<std::vector<float>> scratch(std::max<size_t>(1, std::min(threads, nq)), std::vector<float>(dim_));
    Guard(env, [&] {
      ParallelFor(nq, threads, [&](size_t q, size_t t) {
        const float* v = queries + q * dim_;
        if (normalise_) {
          NormaliseInto(v, scratch[t].data(), dim_);
          v = scratch[t].data();
        }
        auto hits = g.searchKnn(v, k, filter.get());
        const size_t found = hits.size();
        outCounts[q] = static_cast<uint32_t>(found);
        // hnswlib's queue pops the farthest first: fill each row from its end.
        for (size_t i = found; i-- > 0;) {
          outLabels[q * stride + i] = static_cast<uint32_t>(hits.top().second);
          outScores[q * stride + i] = 1.0f - hits.top().first;
          hits.pop();
        }
      });
    });
    return env.Undefined();
  }

  Napi::Value MarkDelete(const Napi::CallbackInfo& info) {
    const size_t label = SizeArg(info, 0, "label");
    Hnsw& g = Graph(info.Env());
    Guard(info.Env(), [&] { g.markDelete(label); });
    return info.Env().Undefined();
  }

  // Returns false (instead of throwing) when the label's slot no longer exists or is not deleted.
  Napi::Value UnmarkDelete(const Napi::CallbackInfo& info) {
    const size_t label = SizeArg(info, 0, "label");
    Hnsw& g = Graph(info.Env());
    try {
      g.unmarkDelete(label);
      return Napi::Boolean::New(info.Env(), true);
    } catch (const std::runtime_error&) {
      return Napi::Boolean::New(info.Env(), false);
    }
  }

  Napi::Value GetMaxElements(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(Graph(info.Env()).getMaxElements()));
  }
  Napi::Value GetCurrentCount(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(Graph(info.Env()).getCurrentElementCount()));
  }
  Napi::Value GetDeletedCount(const Napi::CallbackInfo& info) {
    return Napi::Number::New(info.Env(), static_cast<double>(Graph(info.Env()).getDeletedCount()));
  }

  // hnswlib reports errors as std::runtime_error; JS sees them as Error with the same message.
  template <typename Fn>
  static void Guard(Napi::Env env, Fn fn) {
    try {
      fn();
    } catch (const Napi::Error&) {
      throw;
    } catch (const std::exception& e) {
      throw Napi::Error::New(env, e.what());
    }
  }

  size_t dim_ = 0;
  bool normalise_ = false;
  std::unique_ptr<hnswlib::InnerProductSpace> space_;
  std::unique_ptr<Hnsw> index_;
};

Napi::Object InitModule(Napi::Env env, Napi::Object exports) {
  exports.Set("HnswIndex", Index::Define(env));
  exports.Set("hardwareConcurrency", Napi::Number::New(env, std::max(1u, std::thread::hardware_concurrency())));
  return exports;
}

}  // namespace

NODE_API_MODULE(kgw_hnsw, InitModule)
