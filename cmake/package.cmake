# package.cmake - a Debian package with CPack: `cpack -G DEB` in a build
# configured with -DCMAKE_INSTALL_PREFIX=/usr (scripts/deb.sh does it all).
# The runtime dependencies come from dpkg-shlibdeps (Debian dpkg-dev) over
# the program and the plugins, so they name the libraries' real Debian 12
# packages (libconfig9, libjansson4, libxlsxwriter1, libcsv3, libc6) and
# versions instead of a hand-kept list that drifts.
set(CPACK_PACKAGE_NAME exportready)
set(CPACK_PACKAGE_VENDOR "ExportReady")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "export-readiness audits for small agri-food firms")
set(CPACK_PACKAGE_DESCRIPTION "Scores how ready a small agri-food firm is to export to the EU, per
readiness dimension, from rubrics in libconfig files. Lists the gaps that
block exports, routes the firm to a support programme, and writes Excel
workbooks in English or Spanish. Includes the rubrics, the sector plugins
and the plugin SDK.")
set(CPACK_PACKAGE_CONTACT "ExportReady maintainers <exportready@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Recommended, not needed: reading the man page and the workbooks.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "man-db")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libreoffice-calc | gnumeric")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES "/build" "/out" "/\\\\.git")
include(CPack)
