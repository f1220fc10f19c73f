# Native JPEG DCT-coefficient reader (issue 4): links Debian's libjpeg62-turbo (libjpeg62-turbo-dev).
# Built by scripts/build-addons.mjs at install; output in build/Release/jpeg_dct.node (git-ignored).
{
  "targets": [
    {
      "target_name": "jpeg_dct",
      "sources": ["jpeg_dct.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_DISABLE_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags_cc": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-clobbered"],
      "libraries": ["-ljpeg"]
    }
  ]
}
