# install.cmake - a relocatable install: the CLI finds its rubrics and
# plugins relative to its own directory (cli/cli_install.c), so
# `cmake --install --prefix P`, DESTDIR and the .deb unpacked anywhere all
# work; the configured full paths stay as the fallback.  Also installs the
# user docs, bash completion and the JSON Schema of the results file.
# Included from the top-level CMakeLists.txt after the CLI target exists.

# From the program's directory to the rubric and plugin directories, from
# the GNUInstallDirs layout (lib or lib/<multiarch>, whatever the prefix).
file(RELATIVE_PATH ER_REL_RUBRIC_DIR ${CMAKE_INSTALL_FULL_BINDIR} ${ER_RUBRIC_DIR})
file(RELATIVE_PATH ER_REL_PLUGIN_DIR ${CMAKE_INSTALL_FULL_BINDIR} ${ER_PLUGIN_DIR})
# The plugin isolation helper (cli/zygote), beside the program's own
# libexec directory; the build tree has it at the same relative place.
set(ER_ZYGOTE_EXE ${CMAKE_INSTALL_FULL_LIBEXECDIR}/exportready/exportready-zygote)
file(RELATIVE_PATH ER_REL_ZYGOTE_EXE ${CMAKE_INSTALL_FULL_BINDIR} ${ER_ZYGOTE_EXE})
# Site rubric layers live in SYSCONFDIR (/etc for /usr), which no install
# writes, so upgrades keep them (docs/cli.md, "Site rubrics").
set(ER_SITE_DIR ${CMAKE_INSTALL_FULL_SYSCONFDIR}/exportready/rubrics)
file(RELATIVE_PATH ER_REL_SITE_DIR ${CMAKE_INSTALL_FULL_BINDIR} ${ER_SITE_DIR})
# The message catalogues (po/CMakeLists.txt installs them there).
file(RELATIVE_PATH ER_REL_LOCALE_DIR ${CMAKE_INSTALL_FULL_BINDIR} ${CMAKE_INSTALL_FULL_LOCALEDIR})
# The UI catalogues (lang/<code>.cfg) next to the rubrics.
set(ER_LANG_DIR "${CMAKE_INSTALL_FULL_DATADIR}/exportready/lang")
file(RELATIVE_PATH ER_REL_LANG_DIR ${CMAKE_INSTALL_FULL_BINDIR} ${ER_LANG_DIR})
# The build tree runs like an install: the catalogues beside its program too.
file(GLOB ER_LANG_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lang/*.cfg)
foreach(f IN LISTS ER_LANG_FILES)
  get_filename_component(n ${f} NAME)
  configure_file(${f} ${PROJECT_BINARY_DIR}/cli/${ER_REL_LANG_DIR}/${n} COPYONLY)
endforeach()
install(DIRECTORY lang/ DESTINATION ${CMAKE_INSTALL_DATADIR}/exportready/lang
        FILES_MATCHING PATTERN "*.cfg")
target_compile_definitions(exportready PRIVATE
  ER_REL_LANG_DIR="${ER_REL_LANG_DIR}" ER_DEFAULT_LANG_DIR="${ER_LANG_DIR}"
  ER_REL_RUBRIC_DIR="${ER_REL_RUBRIC_DIR}" ER_REL_PLUGIN_DIR="${ER_REL_PLUGIN_DIR}"
  ER_REL_SITE_DIR="${ER_REL_SITE_DIR}" ER_DEFAULT_SITE_DIR="${ER_SITE_DIR}"
  ER_REL_LOCALE_DIR="${ER_REL_LOCALE_DIR}" ER_DEFAULT_LOCALE_DIR="${CMAKE_INSTALL_FULL_LOCALEDIR}"
  ER_REL_ZYGOTE_EXE="${ER_REL_ZYGOTE_EXE}" ER_DEFAULT_ZYGOTE_EXE="${ER_ZYGOTE_EXE}")

set(ER_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/exportready)
install(FILES README.md DESTINATION ${ER_DOC_DIR})
install(DIRECTORY docs/ DESTINATION ${ER_DOC_DIR}
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png")
install(DIRECTORY examples/ DESTINATION ${ER_DOC_DIR}/examples)


# The JSON Schema of the results file, and bash completion where
# bash-completion looks for it.
install(FILES ${PROJECT_SOURCE_DIR}/share/results.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/exportready)
install(FILES ${PROJECT_SOURCE_DIR}/share/bash-completion/exportready
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
