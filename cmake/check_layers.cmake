# Fails the build when a handler or a channel adapter reaches the store around the use cases
# (docs/architecture.md, "Layers"): src/http and src/channels may not include a store header
# or name anything in store::. They hold app::ReadTx/WriteTx, which are only declared there.
# Run by the check_layers target on every build: cmake -DROOT=<source dir> -P check_layers.cmake
file(GLOB_RECURSE edge_files ${ROOT}/src/http/* ${ROOT}/src/channels/*)
set(problems "")
foreach(f IN LISTS edge_files)
  file(STRINGS ${f} hits REGEX "#include \"store/|store::")
  foreach(h IN LISTS hits)
    file(RELATIVE_PATH rel ${ROOT} ${f})
    string(APPEND problems "\n  ${rel}: ${h}")
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "handlers and channels call use cases (src/app), never the store:${problems}")
endif()
