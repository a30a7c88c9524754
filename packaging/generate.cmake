# Runs `sparkmc generate WHAT` and writes its output to OUT, replacing OUT only
# when the run succeeds (cmake -DSPARKMC=... -DWHAT=man|bash|zsh -DOUT=... -P).
execute_process(COMMAND ${SPARKMC} generate ${WHAT} OUTPUT_FILE ${OUT}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUT}.tmp)
  message(FATAL_ERROR "${SPARKMC} generate ${WHAT} failed: ${rc}")
endif()
file(RENAME ${OUT}.tmp ${OUT})
