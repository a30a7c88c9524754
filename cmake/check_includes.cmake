# Data flows one way through the stages (docs/architecture.md): a file in
# compiler/<stage>/ may include headers of its own stage and of the stages
# below it, never of a stage above. Run at configure time, so a back-edge
# fails the build before anything compiles, and as a test (tests/CMakeLists.txt).
function(sparkmc_check_includes root stages)
  file(GLOB_RECURSE files ${root}/*.h ${root}/*.cc)
  set(errors "")
  foreach(f ${files})
    file(RELATIVE_PATH rel ${root} ${f})
    string(REGEX MATCH "^[^/]+" stage "${rel}")
    list(FIND stages "${stage}" rank)
    if(rank EQUAL -1)
      continue()
    endif()
    # Tests of a stage may use anything (they drive it from above).
    if(rel MATCHES "_test\\.cc$|_test_util\\.h$")
      continue()
    endif()
    file(STRINGS ${f} lines REGEX "^#include \"compiler/")
    foreach(line ${lines})
      string(REGEX REPLACE "^#include \"compiler/([^/]+)/.*$" "\\1" dep "${line}")
      list(FIND stages "${dep}" dep_rank)
      if(dep_rank GREATER rank)
        string(APPEND errors "  compiler/${rel} (${stage}) includes a header of ${dep}\n")
      endif()
    endforeach()
  endforeach()
  if(errors)
    message(FATAL_ERROR "A stage includes a higher stage's header; data must flow one way "
                        "(base, data, load, model, emit, plan, check, report, driver, cli):\n${errors}")
  endif()
endfunction()

# cmake -DROOT=... -DSTAGES=... -P cmake/check_includes.cmake (the test).
if(CMAKE_SCRIPT_MODE_FILE AND DEFINED ROOT)
  sparkmc_check_includes("${ROOT}" "${STAGES}")
endif()
