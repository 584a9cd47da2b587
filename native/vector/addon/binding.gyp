{
  # The project's own N-API wrapper over hnswlib's header-only library. The headers are read from
  # the installed hnswlib-node package (not copied here). Built by scripts/build.mjs on the machine
  # that runs it, so -march=native is safe; set kgw_march=x86-64-v2 (or similar) for a portable build:
  #   node-gyp rebuild -- -Dkgw_march=x86-64-v2
  "variables": {
    "kgw_march%": "native"
  },
  "targets": [
    {
      "target_name": "kgw_hnsw",
      "sources": ["kgw_hnsw.cc"],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<!(node -p \"require('path').join(require('path').dirname(require.resolve('hnswlib-node/package.json')), 'src', 'hnswlib')\")"
      ],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NAPI_VERSION=8"],
      "cflags!": ["-fno-exceptions", "-O2"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-O2"],
      "cflags": ["-O3", "-march=<(kgw_march)", "-pthread"],
      "cflags_cc": ["-O3", "-march=<(kgw_march)", "-fexceptions", "-pthread"],
      "ldflags": ["-pthread"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "OTHER_CPLUSPLUSFLAGS": ["-O3", "-march=<(kgw_march)"]
      }
    }
  ]
}
