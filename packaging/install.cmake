# Install layout and the Debian package (included from the top-level CMakeLists.txt).
#   cmake --install build --prefix ~/.local     # from source
#   (cd build && cpack -G DEB)                   # build/sparkmc_<version>_<arch>.deb
include(GNUInstallDirs)

# The man page and the shell completions come from the CLI11 definition
# (`sparkmc generate man|bash|zsh`), rewritten each time sparkmc is linked, so
# they cannot go stale.
set(SPARKMC_GENERATED ${CMAKE_BINARY_DIR}/generated)
file(MAKE_DIRECTORY ${SPARKMC_GENERATED})
foreach(pair "man;sparkmc.1" "bash;sparkmc.bash" "zsh;_sparkmc")
  list(GET pair 0 what)
  list(GET pair 1 out)
  add_custom_command(TARGET sparkmc POST_BUILD
    COMMAND ${CMAKE_COMMAND} -DSPARKMC=$<TARGET_FILE:sparkmc> -DWHAT=${what} -DOUT=${SPARKMC_GENERATED}/${out}
            -P ${CMAKE_SOURCE_DIR}/packaging/generate.cmake
    VERBATIM)
endforeach()

install(TARGETS sparkmc RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${SPARKMC_GENERATED}/sparkmc.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${SPARKMC_GENERATED}/sparkmc.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME sparkmc)
# zsh reads share/zsh/site-functions under /usr/local; Debian's zsh reads
# /usr/share/zsh/vendor-completions, not /usr/share/zsh/site-functions, so the
# file goes to both (the package installs under /usr).
install(FILES ${SPARKMC_GENERATED}/_sparkmc DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES ${SPARKMC_GENERATED}/_sparkmc DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
# The JSON Schemas, for editors and other validators (sparkmc itself embeds them).
file(GLOB SPARKMC_SCHEMA_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/schemas/*.json)
install(FILES ${SPARKMC_SCHEMA_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/sparkmc/schemas)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/schemas/k8s ${CMAKE_SOURCE_DIR}/schemas/spark-operator
        DESTINATION ${CMAKE_INSTALL_DATADIR}/sparkmc/schemas FILES_MATCHING PATTERN "*.json")

set(SPARKMC_HOMEPAGE "https://github.com/sparkmc/sparkmc" CACHE STRING "Homepage named in the package")
set(SPARKMC_MAINTAINER "sparkmc maintainers <https://github.com/sparkmc/sparkmc/issues>"
    CACHE STRING "Maintainer field of the Debian package: Name <email>")
set(CPACK_PACKAGE_NAME sparkmc)
set(CPACK_PACKAGE_VENDOR sparkmc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${SPARKMC_MAINTAINER})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "compile and lint Spark job files for AWS EMR on EKS")
set(CPACK_PACKAGE_HOMEPAGE_URL ${SPARKMC_HOMEPAGE})
# The extended description; CPack puts the summary above it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "sparkmc turns a Spark job file (a StartJobRun request or an ACK JobRun) into
the exact Kubernetes manifests EMR on EKS generates for it, or into a
SparkApplication or spark-submit Job for open-source Spark, and checks them
before anything reaches a cluster: JSON Schemas and lint rules that point at
file, line and column, reports in text, JSON, SARIF and GitHub annotations,
and a GitOps drift check.")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
# yaml-cpp, fmt and libstdc++ are linked statically (SPARKMC_STATIC_DEPS), so
# what remains is the C library; dpkg-shlibdeps (dpkg-dev) computes the exact
# dependency from the binary, and without it libc6 is named by hand.
find_program(SPARKMC_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(SPARKMC_DPKG_SHLIBDEPS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
else()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6")
endif()
include(CPack)
