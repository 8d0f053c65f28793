# ExportReadyPlugin.cmake - exportready_add_plugin(), shared by the ExportReady
# tree and by out-of-tree plugin projects (through find_package(ExportReady)).
#
#   exportready_add_plugin(<name> SOURCES <src>...
#                          [NO_INSTALL] [OUTPUT_DIRECTORY <dir>])
#
# Builds <name>.so as a MODULE library (no "lib" prefix) that:
#   - sees only <exportready/plugin.h> (target ExportReady::plugin);
#   - exports nothing but exportready_plugin_v1 (-fvisibility=hidden; the
#     header's ER_PLUGIN_DEFINE marks the entry point visible);
#   - links with -Wl,--no-undefined, which proves it needs no core symbol
#     (link libm yourself with target_link_libraries(<name> PRIVATE m));
# and, unless NO_INSTALL, installs it into EXPORTREADY_PLUGIN_INSTALL_DIR,
# the directory `exportready plugins` searches.
include_guard(GLOBAL)

function(exportready_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "NO_INSTALL" "OUTPUT_DIRECTORY" "SOURCES")
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "exportready_add_plugin(${name}): SOURCES is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "exportready_add_plugin(${name}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_STANDARD 11
    C_STANDARD_REQUIRED ON
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${name} PRIVATE ExportReady::plugin)
  target_link_options(${name} PRIVATE "LINKER:--no-undefined")
  if(ARG_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${ARG_OUTPUT_DIRECTORY})
  endif()
  if(NOT ARG_NO_INSTALL)
    if(NOT EXPORTREADY_PLUGIN_INSTALL_DIR)
      message(FATAL_ERROR "exportready_add_plugin(${name}): EXPORTREADY_PLUGIN_INSTALL_DIR is not set")
    endif()
    # Plugins must not be writable by others: the host refuses them.
    install(TARGETS ${name} LIBRARY DESTINATION ${EXPORTREADY_PLUGIN_INSTALL_DIR}
            PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                        WORLD_READ WORLD_EXECUTE)
  endif()
endfunction()
