// Link-time JS library (--js-library in wasm/CMakeLists.txt), not shipped: Embind's own
// registrations announce std::wstring, whose JS side brings the UTF-16 and UTF-32 codecs into
// the glue. The engine passes only UTF-8 std::string, so the registration does nothing here
// (0.5 KB gzip less glue). Binding a std::wstring later fails loudly: its type stays unbound.
mergeInto(LibraryManager.library, {
  _embind_register_std_wstring: function(rawType, charSize, name) {},
});
