# The web widget: the editor (src/ui) on src/platform/web, as a MODULARIZE'd ES module
# (press_widget.mjs + press_widget.wasm) that a page can instantiate more than once.
# Included from the top-level CMakeLists.txt for Emscripten builds only.
#
# The widget's own copies of the libraries are compiled for size (-Oz, LTO bitcode) so
# that the core's WebAssembly tests, built from the shared libraries, keep their speed.

set(PRESS_WEB_DIR ${CMAKE_SOURCE_DIR}/src/platform/web)
set(PRESS_WIDGET_OUT ${CMAKE_BINARY_DIR}/widget)

file(GLOB PRESS_WEB_SOURCES CONFIGURE_DEPENDS ${PRESS_WEB_DIR}/*.cpp)
file(GLOB PRESS_WIDGET_UI_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/ui/*.cpp)
file(GLOB PRESS_WIDGET_CORE_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/src/core/*.cpp)

# Wasm features every browser of the last years has: float-to-int conversions without the
# trap-avoiding code around each one, memcpy/memset as single instructions.
set(_wasm_features -mnontrapping-fptoint -mbulk-memory -msign-ext)
set(_size_flags -Oz -flto -fno-rtti ${_wasm_features})

# The built-in site profile, compiled in as a string literal.
set(_site_json ${CMAKE_SOURCE_DIR}/assets/sites/zjitc.json)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_site_json})
file(READ ${_site_json} _site_text)
file(WRITE ${CMAKE_BINARY_DIR}/widget_gen/default_site.inc.tmp "R\"PRESSSITE(${_site_text})PRESSSITE\"\n")
file(COPY_FILE ${CMAKE_BINARY_DIR}/widget_gen/default_site.inc.tmp ${CMAKE_BINARY_DIR}/widget_gen/default_site.inc
  ONLY_IF_DIFFERENT)

add_library(press_widget_libs STATIC
  ${PRESS_WIDGET_CORE_SOURCES}
  ${PRESS_WIDGET_UI_SOURCES}
  ${PRESS_THIRD_PARTY}/md4c/src/md4c.c
  ${PRESS_IMGUI_DIR}/imgui.cpp ${PRESS_IMGUI_DIR}/imgui_draw.cpp
  ${PRESS_IMGUI_DIR}/imgui_tables.cpp ${PRESS_IMGUI_DIR}/imgui_widgets.cpp)
target_include_directories(press_widget_libs PUBLIC ${CMAKE_SOURCE_DIR}/src)
target_include_directories(press_widget_libs PRIVATE ${PRESS_GEN_DIR})
target_include_directories(press_widget_libs SYSTEM PUBLIC
  ${PRESS_WEB_DIR}/imgui_hooks ${PRESS_IMGUI_DIR} ${PRESS_THIRD_PARTY}/md4c/src)
target_link_libraries(press_widget_libs PUBLIC press_json)
target_compile_definitions(press_widget_libs PUBLIC
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_OBSOLETE_KEYIO
  IMGUI_DISABLE_DEBUG_TOOLS       # the metrics window and item picker are not shipped
  IMGUI_ENABLE_FREETYPE           # no stb_truetype: the Canvas builder stands in (imgui_hooks/)
  IMGUI_DISABLE_FILE_FUNCTIONS    # no .ini or log files in a browser
  PRESS_VERSION="${PROJECT_VERSION}")
target_compile_options(press_widget_libs PRIVATE $<$<COMPILE_LANGUAGE:CXX>:${_size_flags}>
  $<$<COMPILE_LANGUAGE:C>:-Oz -flto ${_wasm_features}>)

add_executable(press_widget ${PRESS_WEB_SOURCES})
target_link_libraries(press_widget PRIVATE press_widget_libs)
target_include_directories(press_widget PRIVATE ${CMAKE_BINARY_DIR}/widget_gen)
target_compile_options(press_widget PRIVATE ${_size_flags} -Wall -Wextra)
set_target_properties(press_widget PROPERTIES
  SUFFIX ".mjs"
  RUNTIME_OUTPUT_DIRECTORY ${PRESS_WIDGET_OUT}
  LINK_DEPENDS "${PRESS_WEB_DIR}/press_web.js;${PRESS_WEB_DIR}/press_storage.js;${PRESS_WEB_DIR}/press_media.js;${PRESS_WEB_DIR}/press_paste.js;${PRESS_WEB_DIR}/press_import.js;${PRESS_WEB_DIR}/press_pre.js;${PRESS_WEB_DIR}/press_post.js")
target_link_options(press_widget PRIVATE
  ${_size_flags}
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sEXPORT_NAME=createPressWidget
  # Binaryen inlines every function that has one caller, whatever its size: the whole
  # editor UI, every dialog included, became one 39,000-line Widget::draw(). Chrome
  # compiles a function on its first call, on the main thread, so the first frame waited
  # ~10 ms for code it would not run. Kept apart, dialogs compile when first opened.
  "-sBINARYEN_EXTRA_PASSES=--one-caller-inline-max-function-size=200"
  -sENVIRONMENT=web
  -sFILESYSTEM=0
  -sMIN_WEBGL_VERSION=2 -sMAX_WEBGL_VERSION=2
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=16MB
  -sMALLOC=emmalloc
  -sGL_SUPPORT_AUTOMATIC_ENABLE_EXTENSIONS=0 -sGL_SUPPORT_SIMPLE_ENABLE_EXTENSIONS=0
  -sGL_TRACK_ERRORS=0
  -sSUPPORT_ERRNO=0
  # ImGui's built-in ProggyClean font (12 KB) is only reachable through AddFontDefault(),
  # which the Canvas font backend never calls: the wrapper (canvas_fonts.cpp) cuts it out.
  -Wl,--wrap=_ZN11ImFontAtlas14AddFontDefaultEPK12ImFontConfig
  # The widget's own strtod/strtoll/strtoull and an sscanf for ImGui's ini readers, which
  # it never runs (libc_numbers.cpp): musl's long-double scanner stays out.
  ${PRESS_WEB_NUMBER_WRAPS} -Wl,--wrap=sscanf
  # imgui_trims.cpp: ImGui's dark colours (the theme sets its own) and musl's sinf/cosf.
  -Wl,--wrap=_ZN5ImGui15StyleColorsDarkEP10ImGuiStyle -Wl,--wrap=sinf -Wl,--wrap=cosf
  -sTOTAL_STACK=262144 -sSUPPORT_LONGJMP=0 -sHTML5_SUPPORT_DEFERRING_USER_SENSITIVE_REQUESTS=0
  -sEXIT_RUNTIME=0
  -sTEXTDECODER=2
  -sINCOMING_MODULE_JS_API=[pressHost,locateFile,print,printErr,instantiateWasm,preRun]
  -sEXPORTED_FUNCTIONS=[_main,_malloc,_free]
  --pre-js ${PRESS_WEB_DIR}/press_pre.js
  # SHELL: keeps the second --js-library (CMake folds repeated options into one).
  "SHELL:--js-library ${PRESS_WEB_DIR}/press_web.js"
  "SHELL:--js-library ${PRESS_WEB_DIR}/press_storage.js"
  "SHELL:--js-library ${PRESS_WEB_DIR}/press_media.js"
  "SHELL:--js-library ${PRESS_WEB_DIR}/press_paste.js"
  "SHELL:--js-library ${PRESS_WEB_DIR}/press_import.js"
  --post-js ${PRESS_WEB_DIR}/press_post.js)

# Emscripten 3.1.6 minifies whitespace but keeps every name; terser (npm, installed with
# the browser tests by scripts/setup.sh) also shortens local names: about 5 KB less gzipped.
set(PRESS_TERSER ${CMAKE_SOURCE_DIR}/tests/browser/node_modules/terser/bin/terser)
find_program(PRESS_NODE node)
if(EXISTS ${PRESS_TERSER} AND PRESS_NODE)
  add_custom_command(TARGET press_widget POST_BUILD
    COMMAND ${PRESS_NODE} ${PRESS_TERSER} ${PRESS_WIDGET_OUT}/press_widget.mjs --module --compress --mangle
            -o ${PRESS_WIDGET_OUT}/press_widget.mjs
    VERBATIM)
else()
  message(STATUS "press_widget: terser not installed (tests/browser/node_modules): the module stays unmangled")
endif()

# The build folder is a complete standalone widget: the module, the embedding API and the
# shell page, so `--static-dir /widget/=build/web/widget` (or any static server) serves it.
add_custom_command(TARGET press_widget POST_BUILD
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/web/widget/press.js ${PRESS_WIDGET_OUT}/press.js
  COMMAND ${CMAKE_COMMAND} -E copy_if_different ${CMAKE_SOURCE_DIR}/shell/index.html ${PRESS_WIDGET_OUT}/index.html
  VERBATIM)

# mammoth (npm, installed with the browser tests by scripts/setup.sh) turns a .docx into
# HTML in the browser. press_import.js loads it from vendor/ the first time an editor opens
# a .docx, so the widget's start-up never downloads it.
set(PRESS_MAMMOTH ${CMAKE_SOURCE_DIR}/tests/browser/node_modules/mammoth/mammoth.browser.min.js)
if(EXISTS ${PRESS_MAMMOTH})
  add_custom_command(TARGET press_widget POST_BUILD
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PRESS_WIDGET_OUT}/vendor
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PRESS_MAMMOTH} ${PRESS_WIDGET_OUT}/vendor/mammoth.browser.min.js
    VERBATIM)
else()
  message(STATUS "press_widget: mammoth not installed (tests/browser/node_modules): .docx import is unavailable in the browser")
endif()
