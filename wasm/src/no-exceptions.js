// Link-time JS library (--js-library in wasm/CMakeLists.txt), not shipped. The core does not
// throw (core/src/nothrow.h) and is built with -fignore-exceptions, so a C++ throw can only
// come from inside libc++ (a length_error, a bad_alloc) and nothing in the module catches it.
// Emscripten's default __cxa_throw keeps exception records for catch blocks the module does
// not have; this one ends the call with a JavaScript Error, which api.js turns into a
// SecleadError with code "internal", as before.
mergeInto(LibraryManager.library, {
  __cxa_allocate_exception: function(size) { return _malloc(size); },
  __cxa_allocate_exception__deps: ['malloc'],
  __cxa_throw: function(ptr, type, destructor) {
    throw new Error('a C++ exception was thrown inside the engine');
  },
});
