// Link-time JS library (--js-library in wasm/CMakeLists.txt), not shipped: Embind's own
// registrations announce types the engine never passes, and each brings its JS side into the
// glue: std::wstring the UTF-16 and UTF-32 codecs (0.5 KB gzip), float and double their
// readers (67 B). The engine passes only UTF-8 std::string, bool, integers and memory views,
// so these registrations do nothing here. Binding such a type later fails loudly: it stays
// unbound.
mergeInto(LibraryManager.library, {
  _embind_register_std_wstring: function(rawType, charSize, name) {},
  _embind_register_float: function(rawType, name, size) {},
});
