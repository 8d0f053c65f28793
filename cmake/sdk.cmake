# sdk.cmake - installs the plugin SDK: <exportready/plugin.h>, the CMake
# package ExportReady (find_package + exportready_add_plugin) and the
# pkg-config file exportready-plugin.pc.  Paths inside are relative to the
# install prefix, so `cmake --install --prefix X` gives a working SDK in X.
include(CMakePackageConfigHelpers)

# The ABI version, read from the header so it cannot drift.
file(STRINGS ${PROJECT_SOURCE_DIR}/include/exportready/plugin.h er_abi_lines
     REGEX "^#define ER_PLUGIN_ABI_(MAJOR|MINOR) ")
foreach(line IN LISTS er_abi_lines)
  if(line MATCHES "ER_PLUGIN_ABI_(MAJOR|MINOR) ([0-9]+)")
    set(ER_SDK_ABI_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endif()
endforeach()

set(ER_SDK_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ExportReady)
set(ER_SDK_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR})
set(ER_SDK_PLUGIN_DIR ${CMAKE_INSTALL_LIBDIR}/exportready/plugins)

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/ExportReadyConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sdk/ExportReadyConfig.cmake
  INSTALL_DESTINATION ${ER_SDK_CMAKE_DIR}
  PATH_VARS ER_SDK_INCLUDE_DIR ER_SDK_PLUGIN_DIR)
# find_package version check only; plugin compatibility is the ABI, checked at load.
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/sdk/ExportReadyConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
# The .pc file finds the prefix from its own place, as many levels up as
# LIBDIR/pkgconfig is deep (lib/pkgconfig or lib/<multiarch>/pkgconfig).
file(RELATIVE_PATH ER_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" ER_PC_TO_PREFIX "${ER_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/exportready-plugin.pc.in
               ${PROJECT_BINARY_DIR}/sdk/exportready-plugin.pc @ONLY)

install(FILES ${PROJECT_SOURCE_DIR}/include/exportready/plugin.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/exportready)
install(FILES ${PROJECT_BINARY_DIR}/sdk/ExportReadyConfig.cmake
              ${PROJECT_BINARY_DIR}/sdk/ExportReadyConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/ExportReadyPlugin.cmake
        DESTINATION ${ER_SDK_CMAKE_DIR})
install(FILES ${PROJECT_BINARY_DIR}/sdk/exportready-plugin.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# The template and its host mock, for `cp -r` into a BSO's own project.
install(FILES ${PROJECT_SOURCE_DIR}/plugins/template/template.c
              ${PROJECT_SOURCE_DIR}/plugins/template/host_mock.c
              ${PROJECT_SOURCE_DIR}/plugins/template/host_mock.h
              ${PROJECT_SOURCE_DIR}/plugins/template/test_template.c
              ${PROJECT_SOURCE_DIR}/plugins/template/CMakeLists.txt
        DESTINATION ${CMAKE_INSTALL_DATADIR}/exportready/plugin-template)
# An empty plugin directory, so the installed CLI has somewhere to look.
install(DIRECTORY DESTINATION ${ER_SDK_PLUGIN_DIR}
        DIRECTORY_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ
                              GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
