# compare.cmake - run dti on one golden input and compare with the expected
# output byte for byte (cmake -P, arguments as -D variables).
execute_process(
  COMMAND "${DTI}" score --method "${METHOD}" ${EXTRA} --units any --format csv
          --columns "${COLUMNS}" "${INPUT}"
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "dti failed (${status}): ${errors}")
endif()
file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/golden-actual.csv" "${actual}")
  message(FATAL_ERROR "output differs from ${EXPECTED}")
endif()
