# ErLayers.cmake - er_layer_library(), the one way a layer of the tree
# becomes a library (docs/architecture.md).
#
#   er_layer_library(<name> BELOW <lower-layer-lib>... [LIBS <external>...]
#                    [PRIVATE_LIBS <external>...])
#
# Builds every *.c of the current folder into the static library <name>.
# The folder is the library's include directory, handed on to the layers
# above; a layer sees only its own folder and those of the layers BELOW it
# (transitively), so an #include of a higher layer's header fails to
# compile.  LIBS are external libraries whose headers the layer's own
# headers include (PUBLIC); PRIVATE_LIBS are used by its .c files only.
# The name is recorded in the global property ER_LAYER_LIBRARIES (fuzz/
# instruments every layer).
include_guard(GLOBAL)

function(er_layer_library name)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "BELOW;LIBS;PRIVATE_LIBS")
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.c)
  if(NOT sources)
    message(FATAL_ERROR "er_layer_library(${name}): no .c file in ${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  add_library(${name} STATIC ${sources})
  set_target_properties(${name} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_include_directories(${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_BELOW} ${ARG_LIBS}
                        PRIVATE er_warnings ${ARG_PRIVATE_LIBS})
  set_property(GLOBAL APPEND PROPERTY ER_LAYER_LIBRARIES ${name})
endfunction()
